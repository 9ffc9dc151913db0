import {
  fieldNameProblem,
  schemaFieldProblems,
  toFieldName,
} from './fieldRules';
import { exportSchema, importSchema } from '.';

describe('field naming rules', () => {
  it.each([
    ['user_id', undefined],
    ['', 'a field needs a name'],
    ['1st_play', 'must not start with a digit'],
    ['user-id', 'may contain only letters, digits and underscores'],
    [
      '_PARTITIONTIME',
      'must not start with _PARTITION, which BigQuery reserves',
    ],
    ['_table_suffix', 'must not start with _TABLE_, which BigQuery reserves'],
    [
      'select',
      '"select" is a reserved word in GoogleSQL; every query would have to quote it',
    ],
    ['x'.repeat(301), 'is longer than 300 characters'],
  ])('%s', (name, problem) => {
    expect(fieldNameProblem(name)).toBe(problem);
  });

  it('turns any name into a valid one', () => {
    expect(['user-id', '1st', 'from', 'ok_name'].map(toFieldName)).toEqual([
      'user_id',
      '_1st',
      'from',
      'ok_name',
    ]);
  });

  it('lists every problem of a schema with its path', () => {
    expect(
      schemaFieldProblems([
        { name: 'ok', type: 'STRING' },
        { name: 'OK', type: 'STRING' },
        {
          name: 'ctx',
          type: 'RECORD',
          fields: [{ name: 'where', type: 'STRING' }],
        },
        { name: 'empty', type: 'RECORD' },
      ]),
    ).toEqual([
      {
        path: '[1].name',
        message: 'duplicates the name of ok; names are case-insensitive',
      },
      {
        path: '[2].fields[0].name',
        message:
          '"where" is a reserved word in GoogleSQL; every query would have to quote it',
      },
      {
        path: '[3].fields',
        message: 'a RECORD needs at least one nested field',
      },
    ]);
    expect(schemaFieldProblems([])).toEqual([
      { path: '', message: 'a schema needs at least one field' },
    ]);
  });
});

describe('importSchema and exportSchema', () => {
  const fields = [
    { name: 'event_id', type: 'STRING' as const, mode: 'REQUIRED' as const },
    {
      name: 'ctx',
      type: 'RECORD' as const,
      mode: 'NULLABLE' as const,
      fields: [
        { name: 'os', type: 'STRING' as const, mode: 'NULLABLE' as const },
      ],
    },
  ];

  it.each(['avro', 'json-schema', 'bigquery'] as const)(
    'round-trips %s',
    format => {
      expect(
        importSchema(
          format,
          exportSchema(format, fields, { name: 'track-played' }),
        ).fields,
      ).toEqual(fields);
    },
  );

  it('exports a sample event the sample import reads', () => {
    expect(
      importSchema('sample', exportSchema('sample', fields)).fields.map(
        f => f.name,
      ),
    ).toEqual(['event_id', 'ctx']);
  });
});
