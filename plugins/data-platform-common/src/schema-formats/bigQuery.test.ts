import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flattenFields, SchemaField } from '../schema/fields';
import { exportBigQuerySchema, importBigQuerySchema } from './bigQuery';

const testdata = (name: string) =>
  readFileSync(join(__dirname, 'testdata', name), 'utf8');

describe('importBigQuerySchema', () => {
  it('reads a GH Archive table schema with legacy type names', () => {
    const { fields, warnings } = importBigQuerySchema(
      testdata('githubarchive-day.bigquery.json'),
    );
    expect(warnings).toEqual([]);
    expect(fields.map(f => `${f.name} ${f.type}`)).toEqual([
      'type STRING',
      'public BOOL',
      'payload STRING',
      'repo RECORD',
      'actor RECORD',
      'org RECORD',
      'created_at TIMESTAMP',
      'id STRING',
      'other STRING',
    ]);
    expect(fields[3].fields![0]).toEqual({
      name: 'id',
      type: 'INT64',
      mode: 'NULLABLE',
    });
  });

  it('reads the GA4 export schema with repeated key/value records', () => {
    const { fields } = importBigQuerySchema(
      testdata('ga4-events.bigquery.json'),
    );
    const flat = flattenFields(fields);
    const at = (path: string) => flat.find(f => f.path === path)?.field;
    expect(at('event_params')).toMatchObject({
      type: 'RECORD',
      mode: 'REPEATED',
    });
    expect(at('event_params.value.int_value')).toEqual({
      name: 'int_value',
      type: 'INT64',
      mode: 'NULLABLE',
    });
    expect(at('event_params.value.double_value')?.type).toBe('FLOAT64');
    expect(at('items.item_params.value.string_value')?.type).toBe('STRING');
    expect(at('device.web_info.hostname')?.type).toBe('STRING');
    expect(at('is_active_user')?.type).toBe('BOOL');
    expect(Math.max(...flat.map(f => f.depth))).toBe(4);
  });

  it('accepts a tables.get answer and maps policy tags to PII classifications', () => {
    const tag = 'projects/p/locations/eu/taxonomies/1/policyTags/2';
    const { fields, warnings } = importBigQuerySchema(
      JSON.stringify({
        kind: 'bigquery#table',
        schema: {
          fields: [
            {
              name: 'user_id',
              type: 'STRING',
              mode: 'REQUIRED',
              policyTags: { names: [tag] },
            },
            {
              name: 'email',
              type: 'STRING',
              policyTags: { names: ['projects/p/other'] },
            },
          ],
        },
      }),
      { policyTags: { pseudonymize: tag } },
    );
    expect(fields).toEqual([
      {
        name: 'user_id',
        type: 'STRING',
        mode: 'REQUIRED',
        pii: 'pseudonymize',
      },
      { name: 'email', type: 'STRING', mode: 'NULLABLE' },
    ]);
    expect(warnings).toEqual([
      'email: has the policy tag projects/p/other; set its PII classification',
    ]);
  });

  it('says which columns it cannot read', () => {
    expect(() =>
      importBigQuerySchema([
        { name: 'span', type: 'RANGE' },
        { name: 'x', type: 'STRING', mode: 'OPTIONAL' },
      ]),
    ).toThrow(
      'span: the type RANGE is not supported; x: the mode OPTIONAL is not a BigQuery mode',
    );
    expect(() => importBigQuerySchema({ columns: [] })).toThrow(
      'expected an array of columns',
    );
  });
});

describe('exportBigQuerySchema', () => {
  const fields: SchemaField[] = [
    {
      name: 'user_id',
      type: 'STRING',
      mode: 'REQUIRED',
      pii: 'pseudonymize',
      description: 'The listener.',
    },
    {
      name: 'context',
      type: 'RECORD',
      mode: 'NULLABLE',
      fields: [{ name: 'os', type: 'STRING', mode: 'NULLABLE' }],
    },
  ];

  it('writes the columns bq mk takes, with policy tags for PII', () => {
    expect(
      exportBigQuerySchema(fields, { policyTags: { pseudonymize: 'tags/1' } }),
    ).toEqual([
      {
        name: 'user_id',
        type: 'STRING',
        mode: 'REQUIRED',
        description: 'The listener.',
        policyTags: { names: ['tags/1'] },
      },
      {
        name: 'context',
        type: 'RECORD',
        mode: 'NULLABLE',
        fields: [{ name: 'os', type: 'STRING', mode: 'NULLABLE' }],
      },
    ]);
  });

  it('reads back what it writes', () => {
    const policyTags = { pseudonymize: 'tags/1' };
    expect(
      importBigQuerySchema(exportBigQuerySchema(fields, { policyTags }), {
        policyTags,
      }).fields,
    ).toEqual(fields);
  });
});
