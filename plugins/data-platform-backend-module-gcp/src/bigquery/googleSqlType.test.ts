import { parseColumnType } from './googleSqlType';

describe('parseColumnType', () => {
  it('reads scalar types, dropping type parameters and mapping legacy names', () => {
    expect(parseColumnType('STRING')).toEqual({ type: 'STRING' });
    expect(parseColumnType('NUMERIC(10, 2)')).toEqual({ type: 'NUMERIC' });
    expect(parseColumnType('STRING(20)')).toEqual({ type: 'STRING' });
    expect(parseColumnType('INTEGER')).toEqual({ type: 'INT64' });
  });

  it('reads arrays as REPEATED and structs as RECORDs, nested, with NOT NULL fields REQUIRED', () => {
    expect(
      parseColumnType(
        'ARRAY<STRUCT<track_id STRING NOT NULL, `from` STRUCT<os STRING, ids ARRAY<INT64>>>>',
      ),
    ).toEqual({
      type: 'RECORD',
      mode: 'REPEATED',
      fields: [
        { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
        {
          name: 'from',
          type: 'RECORD',
          mode: 'NULLABLE',
          fields: [
            { name: 'os', type: 'STRING', mode: 'NULLABLE' },
            { name: 'ids', type: 'INT64', mode: 'REPEATED' },
          ],
        },
      ],
    });
  });

  it('skips what may follow a field type besides NOT NULL', () => {
    expect(
      parseColumnType(
        "STRUCT<price NUMERIC(10, 2) NOT NULL, name STRING COLLATE 'und:ci'>",
      ),
    ).toEqual({
      type: 'RECORD',
      fields: [
        { name: 'price', type: 'NUMERIC', mode: 'REQUIRED' },
        { name: 'name', type: 'STRING', mode: 'NULLABLE' },
      ],
    });
  });

  it('refuses text that is no type', () => {
    expect(() => parseColumnType('STRUCT<a STRING')).toThrow(
      'Cannot read the column type STRUCT<a STRING',
    );
  });
});
