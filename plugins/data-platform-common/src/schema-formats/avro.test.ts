import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaField } from '../schema/fields';
import { exportAvroSchema, importAvroSchema } from './avro';
import { SchemaImportError } from './importResult';

const testdata = (name: string) =>
  readFileSync(join(__dirname, 'testdata', name), 'utf8');
const byName = (fields: SchemaField[], name: string) =>
  fields.find(f => f.name === name)!;

describe('importAvroSchema', () => {
  it('reads a Debezium change-event envelope, resolving the reused named record', () => {
    const { fields, warnings } = importAvroSchema(
      testdata('debezium-customers-envelope.avsc'),
    );
    expect(warnings).toEqual([]);
    expect(fields.map(f => `${f.name} ${f.mode} ${f.type}`)).toEqual([
      'before NULLABLE RECORD',
      'after NULLABLE RECORD',
      'source REQUIRED RECORD',
      'op REQUIRED STRING',
      'ts_ms NULLABLE INT64',
      'transaction NULLABLE RECORD',
    ]);
    // `after` is ["null", "Value"]: the record defined inside `before`.
    expect(byName(fields, 'after').fields).toEqual(
      byName(fields, 'before').fields,
    );
    expect(byName(fields, 'after').fields).toEqual([
      { name: 'id', type: 'INT64', mode: 'REQUIRED' },
      { name: 'first_name', type: 'STRING', mode: 'REQUIRED' },
      { name: 'last_name', type: 'STRING', mode: 'REQUIRED' },
      { name: 'email', type: 'STRING', mode: 'REQUIRED' },
    ]);
    const source = byName(fields, 'source').fields!;
    expect(byName(source, 'snapshot')).toEqual({
      name: 'snapshot',
      type: 'STRING',
      mode: 'NULLABLE',
    });
    expect(byName(source, 'server_id')).toEqual({
      name: 'server_id',
      type: 'INT64',
      mode: 'REQUIRED',
    });
    expect(byName(fields, 'transaction').fields!.map(f => f.name)).toEqual([
      'id',
      'total_order',
      'data_collection_order',
    ]);
  });

  it('maps logical types, enums, fixed, maps and arrays to BigQuery columns', () => {
    const { fields, warnings } = importAvroSchema({
      type: 'record',
      name: 'SubscriptionRenewed',
      namespace: 'com.tunewave.billing',
      doc: 'A subscription was renewed.',
      fields: [
        {
          name: 'renewed_at',
          type: { type: 'long', logicalType: 'timestamp-millis' },
          doc: 'When.',
        },
        { name: 'period_start', type: { type: 'int', logicalType: 'date' } },
        {
          name: 'local_time',
          type: { type: 'long', logicalType: 'local-timestamp-micros' },
        },
        {
          name: 'amount',
          type: {
            type: 'bytes',
            logicalType: 'decimal',
            precision: 12,
            scale: 2,
          },
        },
        {
          name: 'exact',
          type: {
            type: 'fixed',
            name: 'Big',
            size: 32,
            logicalType: 'decimal',
            precision: 60,
            scale: 20,
          },
        },
        {
          name: 'plan',
          type: {
            type: 'enum',
            name: 'Plan',
            symbols: ['FREE', 'PREMIUM', 'FAMILY'],
          },
        },
        { name: 'previous_plan', type: ['null', 'Plan'], default: null },
        { name: 'checksum', type: { type: 'fixed', name: 'Md5', size: 16 } },
        { name: 'request_id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'attributes', type: { type: 'map', values: 'string' } },
        {
          name: 'coupons',
          type: { type: 'array', items: 'string' },
          default: [],
        },
        { name: 'user_id', type: 'string', pii: 'pseudonymize' },
        { name: 'payload', type: ['null', 'string', 'long'], default: null },
        { name: 'metadata', type: { type: 'string', sqlType: 'JSON' } },
      ],
    });
    expect(fields).toEqual([
      {
        name: 'renewed_at',
        type: 'TIMESTAMP',
        mode: 'REQUIRED',
        description: 'When.',
      },
      { name: 'period_start', type: 'DATE', mode: 'REQUIRED' },
      { name: 'local_time', type: 'DATETIME', mode: 'REQUIRED' },
      { name: 'amount', type: 'NUMERIC', mode: 'REQUIRED' },
      { name: 'exact', type: 'BIGNUMERIC', mode: 'REQUIRED' },
      { name: 'plan', type: 'STRING', mode: 'REQUIRED' },
      { name: 'previous_plan', type: 'STRING', mode: 'NULLABLE' },
      { name: 'checksum', type: 'BYTES', mode: 'REQUIRED' },
      { name: 'request_id', type: 'STRING', mode: 'REQUIRED' },
      {
        name: 'attributes',
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [
          { name: 'key', type: 'STRING', mode: 'REQUIRED' },
          { name: 'value', type: 'STRING', mode: 'REQUIRED' },
        ],
      },
      { name: 'coupons', type: 'STRING', mode: 'REPEATED' },
      {
        name: 'user_id',
        type: 'STRING',
        mode: 'REQUIRED',
        pii: 'pseudonymize',
      },
      { name: 'payload', type: 'JSON', mode: 'NULLABLE' },
      { name: 'metadata', type: 'JSON', mode: 'REQUIRED' },
    ]);
    expect(warnings).toEqual([
      'attributes: a map is stored as REPEATED RECORD of key and value',
      'payload: a union of 2 types is stored as JSON',
    ]);
  });

  it('refuses the recursive linked list of the Avro specification', () => {
    const linkedList = {
      type: 'record',
      name: 'LongList',
      aliases: ['LinkedLongs'],
      fields: [
        { name: 'value', type: 'long' },
        { name: 'next', type: ['null', 'LongList'] },
      ],
    };
    expect(() => importAvroSchema(linkedList)).toThrow(
      'Cannot import the Avro schema: next: the record LongList contains itself; BigQuery cannot store recursive records',
    );
  });

  it('says what is wrong with documents that are not Avro records', () => {
    expect(() => importAvroSchema('{"type": "string"')).toThrow(
      SchemaImportError,
    );
    expect(() => importAvroSchema('"string"')).toThrow(
      'the top level must be a record',
    );
    expect(() =>
      importAvroSchema({
        type: 'record',
        name: 'A',
        fields: [{ name: 'x', type: 'Missing' }],
      }),
    ).toThrow('x: unknown type "Missing"');
  });
});

describe('exportAvroSchema', () => {
  const fields: SchemaField[] = [
    {
      name: 'event_id',
      type: 'STRING',
      mode: 'REQUIRED',
      description: 'Unique id.',
    },
    { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
    { name: 'user_id', type: 'STRING', mode: 'REQUIRED', pii: 'pseudonymize' },
    { name: 'price', type: 'NUMERIC', mode: 'NULLABLE' },
    { name: 'day', type: 'DATE', mode: 'NULLABLE' },
    { name: 'at', type: 'TIME', mode: 'NULLABLE' },
    { name: 'local', type: 'DATETIME', mode: 'NULLABLE' },
    { name: 'attrs', type: 'JSON', mode: 'NULLABLE' },
    { name: 'where', type: 'GEOGRAPHY', mode: 'NULLABLE' },
    { name: 'tags', type: 'STRING', mode: 'REPEATED' },
    {
      name: 'context',
      type: 'RECORD',
      mode: 'REQUIRED',
      fields: [
        {
          name: 'device',
          type: 'RECORD',
          mode: 'NULLABLE',
          fields: [{ name: 'os', type: 'STRING', mode: 'REQUIRED' }],
        },
      ],
    },
  ];

  it('writes NULLABLE as unions with null, REPEATED as arrays, and unique record names', () => {
    const avro = exportAvroSchema(fields, {
      name: 'track-played',
      namespace: 'com.tunewave.events',
    });
    expect(avro).toMatchObject({
      type: 'record',
      name: 'TrackPlayed',
      namespace: 'com.tunewave.events',
    });
    const written = avro.fields as any[];
    expect(written[0]).toEqual({
      name: 'event_id',
      doc: 'Unique id.',
      type: 'string',
    });
    expect(written[2]).toEqual({
      name: 'user_id',
      type: 'string',
      pii: 'pseudonymize',
    });
    expect(written[3]).toEqual({
      name: 'price',
      type: [
        'null',
        { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 9 },
      ],
      default: null,
    });
    expect(written[9]).toEqual({
      name: 'tags',
      type: { type: 'array', items: 'string' },
      default: [],
    });
    expect(written[10].type.name).toBe('TrackPlayedContext');
    expect(written[10].type.fields[0].type[1].name).toBe(
      'TrackPlayedContextDevice',
    );
  });

  it('reads back what it writes', () => {
    expect(importAvroSchema(JSON.stringify(exportAvroSchema(fields)))).toEqual({
      fields,
      warnings: [],
    });
  });
});
