import { MAX_FIELD_NESTING_DEPTH, SchemaField } from '../schema/fields';
import { validateSchemaFields } from './validateFields';

/** A chain of RECORDs whose innermost STRING sits at nesting level `levels`. */
function nestedChain(levels: number): SchemaField[] {
  let fields: SchemaField[] = [{ name: 'leaf', type: 'STRING' }];
  for (let level = levels - 1; level >= 1; level--) {
    fields = [{ name: `level_${level}`, type: 'RECORD', fields }];
  }
  return fields;
}

describe('validateSchemaFields', () => {
  it('accepts distinct names, RECORDs with fields and plain columns', () => {
    expect(
      validateSchemaFields(
        [
          { name: 'user_id', type: 'STRING' },
          {
            name: 'context',
            type: 'RECORD',
            mode: 'REPEATED',
            fields: [
              { name: 'user_id', type: 'STRING' },
              { name: 'country', type: 'STRING' },
            ],
          },
        ],
        'spec.schema.fields',
      ),
    ).toEqual([]);
  });

  it('treats names as case-insensitive, as BigQuery does', () => {
    expect(
      validateSchemaFields(
        [
          { name: 'user_id', type: 'STRING' },
          { name: 'country', type: 'STRING' },
          { name: 'User_Id', type: 'INT64' },
        ],
        'spec.schema.fields',
      ),
    ).toEqual([
      {
        path: 'spec.schema.fields[2].name',
        message: 'duplicates the name of user_id; names are case-insensitive',
      },
    ]);
  });

  it('finds duplicates among the nested fields of a RECORD', () => {
    expect(
      validateSchemaFields(
        [
          {
            name: 'device',
            type: 'RECORD',
            fields: [
              { name: 'os', type: 'STRING' },
              { name: 'OS', type: 'STRING' },
            ],
          },
        ],
        'spec.schema.fields',
      ),
    ).toEqual([
      {
        path: 'spec.schema.fields[0].fields[1].name',
        message: 'duplicates the name of device.os; names are case-insensitive',
      },
    ]);
  });

  it('wants a RECORD to have nested fields, absent or empty', () => {
    expect(
      validateSchemaFields(
        [
          { name: 'device', type: 'RECORD' },
          { name: 'context', type: 'RECORD', fields: [] },
        ],
        'f',
      ),
    ).toEqual([
      {
        path: 'f[0].fields',
        message: 'a RECORD needs at least one nested field',
      },
      {
        path: 'f[1].fields',
        message: 'a RECORD needs at least one nested field',
      },
    ]);
  });

  it('rejects nested fields on a field that is not a RECORD', () => {
    expect(
      validateSchemaFields(
        [
          {
            name: 'country',
            type: 'STRING',
            fields: [{ name: 'code', type: 'STRING' }],
          },
        ],
        'f',
      ),
    ).toEqual([
      {
        path: 'f[0].fields',
        message: 'only RECORD fields have nested fields, this one is STRING',
      },
    ]);
  });

  it(`accepts ${MAX_FIELD_NESTING_DEPTH} levels of nesting and rejects one more`, () => {
    expect(
      validateSchemaFields(nestedChain(MAX_FIELD_NESTING_DEPTH), 'f'),
    ).toEqual([]);

    const tooDeep = validateSchemaFields(
      nestedChain(MAX_FIELD_NESTING_DEPTH + 1),
      'f',
    );
    // The RECORD at level 15 is the one whose fields go too deep.
    const recordAtLimit = `f${'[0].fields'.repeat(
      MAX_FIELD_NESTING_DEPTH - 1,
    )}[0]`;
    expect(tooDeep).toEqual([
      {
        path: `${recordAtLimit}.fields`,
        message: `nests deeper than ${MAX_FIELD_NESTING_DEPTH} levels`,
      },
    ]);
  });

  it('reports every problem of a list, not only the first', () => {
    expect(
      validateSchemaFields(
        [
          { name: 'a', type: 'RECORD' },
          { name: 'A', type: 'INT64', fields: [{ name: 'x', type: 'BOOL' }] },
        ],
        'f',
      ).map(p => p.path),
    ).toEqual(['f[0].fields', 'f[1].name', 'f[1].fields']);
  });
});
