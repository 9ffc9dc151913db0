import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaField } from '../schema/fields';
import { exportJsonSchema, importJsonSchema } from './jsonSchemaFormat';

const testdata = (name: string) =>
  readFileSync(join(__dirname, 'testdata', name), 'utf8');

describe('importJsonSchema', () => {
  it('reads the CloudEvents 1.0 schema through its $refs', () => {
    const { fields, warnings } = importJsonSchema(
      testdata('cloudevents-1.0.schema.json'),
    );
    expect(fields.map(f => `${f.name} ${f.mode} ${f.type}`)).toEqual([
      'specversion REQUIRED STRING',
      'datacontenttype NULLABLE STRING',
      'data NULLABLE JSON',
      'data_base64 NULLABLE BYTES',
      'id REQUIRED STRING',
      'time NULLABLE TIMESTAMP',
      'dataschema NULLABLE STRING',
      'subject NULLABLE STRING',
      'type REQUIRED STRING',
      'source REQUIRED STRING',
    ]);
    expect(fields[4].description).toBe('Identifies the event.');
    expect(warnings).toEqual([
      'data: one of object, string, number, array, boolean, stored as JSON',
    ]);
  });

  it('reads the Snowplow link_click schema, required and repeated properties', () => {
    const { fields, warnings } = importJsonSchema(
      testdata('snowplow-link-click-1-0-1.schema.json'),
    );
    expect(warnings).toEqual([]);
    expect(fields).toEqual([
      { name: 'elementId', type: 'STRING', mode: 'NULLABLE' },
      { name: 'elementClasses', type: 'STRING', mode: 'REPEATED' },
      { name: 'elementTarget', type: 'STRING', mode: 'NULLABLE' },
      { name: 'targetUrl', type: 'STRING', mode: 'REQUIRED' },
      { name: 'elementContent', type: 'STRING', mode: 'NULLABLE' },
    ]);
  });

  it('handles nested objects, anyOf with null, allOf, $defs and names BigQuery refuses', () => {
    const { fields, warnings } = importJsonSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: {
        device: {
          type: 'object',
          properties: { os: { type: 'string' } },
          required: ['os'],
        },
      },
      type: 'object',
      required: ['device', 'amount'],
      properties: {
        device: { $ref: '#/$defs/device', description: 'The device.' },
        'user-agent': { anyOf: [{ type: 'string' }, { type: 'null' }] },
        amount: { type: 'number', 'x-bigquery-type': 'NUMERIC' },
        count: { type: 'integer' },
        day: { type: 'string', format: 'date' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        email: { type: 'string', 'x-pii': 'encrypt' },
        merged: {
          allOf: [
            {
              type: 'object',
              properties: { a: { type: 'boolean' } },
              required: ['a'],
            },
            { properties: { b: { type: 'string', format: 'time' } } },
          ],
        },
      },
    });
    expect(fields).toEqual([
      {
        name: 'device',
        type: 'RECORD',
        mode: 'REQUIRED',
        description: 'The device.',
        fields: [{ name: 'os', type: 'STRING', mode: 'REQUIRED' }],
      },
      { name: 'user_agent', type: 'STRING', mode: 'NULLABLE' },
      { name: 'amount', type: 'NUMERIC', mode: 'REQUIRED' },
      { name: 'count', type: 'INT64', mode: 'NULLABLE' },
      { name: 'day', type: 'DATE', mode: 'NULLABLE' },
      { name: 'labels', type: 'JSON', mode: 'NULLABLE' },
      { name: 'email', type: 'STRING', mode: 'NULLABLE', pii: 'encrypt' },
      {
        name: 'merged',
        type: 'RECORD',
        mode: 'NULLABLE',
        fields: [
          { name: 'a', type: 'BOOL', mode: 'REQUIRED' },
          { name: 'b', type: 'TIME', mode: 'NULLABLE' },
        ],
      },
    ]);
    expect(warnings).toEqual([
      'user_agent: renamed from "user-agent" to fit BigQuery\'s naming rules',
      'labels: an object without declared properties, stored as JSON',
    ]);
  });

  it('refuses recursive and external references and non-object documents', () => {
    expect(() =>
      importJsonSchema({
        definitions: {
          node: {
            type: 'object',
            properties: { child: { $ref: '#/definitions/node' } },
          },
        },
        $ref: '#/definitions/node',
      }),
    ).toThrow('child: #/definitions/node contains itself');
    expect(() =>
      importJsonSchema({
        type: 'object',
        properties: { a: { $ref: 'https://example.com/a.json' } },
      }),
    ).toThrow(
      'a: the reference https://example.com/a.json points outside the document',
    );
    expect(() => importJsonSchema({ type: 'string' })).toThrow(
      'the top level must be an object with properties',
    );
  });
});

describe('exportJsonSchema', () => {
  const fields: SchemaField[] = [
    {
      name: 'event_id',
      type: 'STRING',
      mode: 'REQUIRED',
      description: 'Unique id.',
    },
    { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
    { name: 'ms_played', type: 'INT64', mode: 'NULLABLE' },
    { name: 'revenue', type: 'BIGNUMERIC', mode: 'NULLABLE' },
    { name: 'raw', type: 'BYTES', mode: 'NULLABLE' },
    { name: 'local', type: 'DATETIME', mode: 'NULLABLE' },
    { name: 'attrs', type: 'JSON', mode: 'NULLABLE' },
    { name: 'ip_address', type: 'STRING', mode: 'NULLABLE', pii: 'drop' },
    { name: 'tags', type: 'STRING', mode: 'REPEATED' },
    {
      name: 'items',
      type: 'RECORD',
      mode: 'REPEATED',
      fields: [{ name: 'sku', type: 'STRING', mode: 'REQUIRED' }],
    },
  ];

  it('writes a draft 2020-12 object schema', () => {
    const schema = exportJsonSchema(fields, { title: 'track-played' });
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'track-played',
      type: 'object',
      required: ['event_id', 'event_time'],
    });
    expect(schema.properties.ms_played).toEqual({ type: ['integer', 'null'] });
    expect(schema.properties.ip_address).toEqual({
      type: ['string', 'null'],
      'x-pii': 'drop',
    });
    expect(schema.properties.items).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: { sku: { type: 'string' } },
        required: ['sku'],
      },
    });
  });

  it('reads back what it writes', () => {
    expect(
      importJsonSchema(JSON.stringify(exportJsonSchema(fields))).fields,
    ).toEqual(fields);
  });
});
