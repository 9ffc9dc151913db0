import { createHmac } from 'node:crypto';
import { createContext, runInContext } from 'node:vm';
import type { SchemaField } from '../../schema/fields';
import { generateAnonymizationTransform } from './generateAnonymizationTransform';
import { runAnonymizationTransform } from './runAnonymizationTransform';

const KEY = 'delivery-key-for-tests-0001';

const token = (value: string, key = KEY) =>
  createHmac('sha256', key).update(value).digest('hex');

/** An order event: PII at the top, in records, in repeated records. */
const FIELDS: SchemaField[] = [
  { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'user_id', type: 'STRING', pii: 'pseudonymize' },
  { name: 'account_number', type: 'INT64', pii: 'pseudonymize' },
  { name: 'ip_address', type: 'STRING', pii: 'drop' },
  { name: 'card_number', type: 'STRING', pii: 'encrypt' },
  {
    name: 'emails',
    type: 'STRING',
    mode: 'REPEATED',
    pii: 'pseudonymize',
  },
  {
    name: 'context',
    type: 'RECORD',
    fields: [
      { name: 'country', type: 'STRING' },
      { name: 'ip_address', type: 'STRING', pii: 'drop' },
      {
        name: 'device',
        type: 'RECORD',
        fields: [
          { name: 'os', type: 'STRING' },
          { name: 'device_id', type: 'STRING', pii: 'pseudonymize' },
        ],
      },
    ],
  },
  {
    name: 'items',
    type: 'RECORD',
    mode: 'REPEATED',
    fields: [
      { name: 'sku', type: 'STRING' },
      { name: 'gift_note', type: 'STRING', pii: 'drop' },
      { name: 'recipient_id', type: 'STRING', pii: 'pseudonymize' },
    ],
  },
  {
    name: 'billing',
    type: 'RECORD',
    pii: 'pseudonymize',
    fields: [
      { name: 'name', type: 'STRING' },
      { name: 'postcode', type: 'INT64' },
      { name: 'phone', type: 'STRING', pii: 'drop' },
    ],
  },
  { name: 'survey', type: 'JSON', pii: 'pseudonymize' },
];

const EVENT = {
  event_id: 'e-1',
  user_id: 'listener-4711',
  account_number: 90210,
  ip_address: '203.0.113.7',
  card_number: '4111 1111 1111 1111',
  emails: ['zoë@example.com', 'z@example.org'],
  context: {
    country: 'SE',
    ip_address: '203.0.113.7',
    device: { os: 'ios', device_id: 'A1B2-C3' },
  },
  items: [
    { sku: 'vinyl-1', gift_note: 'Happy birthday Zoë', recipient_id: 'r-1' },
    { sku: 'vinyl-2', recipient_id: null },
  ],
  billing: { name: 'Zoë Ångström', postcode: 11122, phone: '+46 70 123' },
  survey: { answers: ['yes', 3], nick: 'zo' },
};

const transform = generateAnonymizationTransform(FIELDS, { key: KEY });
const deliver = (event: object) => runAnonymizationTransform(transform, event);

describe('generateAnonymizationTransform', () => {
  it('drops fields at the top, in records and in every repeated record', () => {
    const delivered = deliver(EVENT) as any;
    expect(delivered).not.toHaveProperty('ip_address');
    expect(delivered.context).not.toHaveProperty('ip_address');
    expect(delivered.items[0]).not.toHaveProperty('gift_note');
    expect(delivered.billing).not.toHaveProperty('phone');
    expect(transform.dropped).toEqual([
      'ip_address',
      'context.ip_address',
      'items.gift_note',
      'billing.phone',
    ]);
  });

  it('replaces pseudonymized strings, numbers, arrays and nested values by their keyed hash', () => {
    const delivered = deliver(EVENT) as any;
    expect(delivered.user_id).toBe(token('listener-4711'));
    expect(delivered.account_number).toBe(token('90210'));
    expect(delivered.emails).toEqual([
      token('zoë@example.com'),
      token('z@example.org'),
    ]);
    expect(delivered.context.device.device_id).toBe(token('A1B2-C3'));
    expect(delivered.items[0].recipient_id).toBe(token('r-1'));
    expect(delivered.survey).toEqual({
      answers: [token('yes'), token('3')],
      nick: token('zo'),
    });
    expect(transform.pseudonymized).toEqual([
      'user_id',
      'account_number',
      'emails',
      'context.device.device_id',
      'items.recipient_id',
      'billing.name',
      'billing.postcode',
      'survey',
    ]);
  });

  it('pseudonymizes every field of a record marked pseudonymize, still dropping what is marked drop', () => {
    expect((deliver(EVENT) as any).billing).toEqual({
      name: token('Zoë Ångström'),
      postcode: token('11122'),
    });
  });

  it('keeps everything else as it was', () => {
    const delivered = deliver(EVENT) as any;
    expect(delivered.event_id).toBe('e-1');
    expect(delivered.context.country).toBe('SE');
    expect(delivered.context.device.os).toBe('ios');
    expect(delivered.items.map((i: any) => i.sku)).toEqual([
      'vinyl-1',
      'vinyl-2',
    ]);
  });

  it('leaves null and missing values as they are', () => {
    const delivered = deliver({
      event_id: 'e-2',
      user_id: null,
      emails: ['a@example.com', null],
      context: null,
      items: [null, { sku: 's', recipient_id: null }],
    }) as any;
    expect(delivered).toEqual({
      event_id: 'e-2',
      user_id: null,
      emails: [token('a@example.com'), null],
      context: null,
      items: [null, { sku: 's', recipient_id: null }],
    });
  });

  it('gives the same token for the same value, so tokens still join, and another with another key', () => {
    const one = deliver({ user_id: 'listener-4711' }) as any;
    const again = deliver({ user_id: 'listener-4711', event_id: 'x' }) as any;
    const asNumber = deliver({ account_number: 4711 }) as any;
    const asString = deliver({ account_number: '4711' }) as any;
    const otherKey = generateAnonymizationTransform(FIELDS, {
      key: 'another-delivery-key-0002',
    });
    expect(again.user_id).toBe(one.user_id);
    expect(asString.account_number).toBe(asNumber.account_number);
    expect(
      (runAnonymizationTransform(otherKey, { user_id: 'listener-4711' }) as any)
        .user_id,
    ).toBe(token('listener-4711', 'another-delivery-key-0002'));
    expect(otherKey.fingerprint).not.toBe(transform.fingerprint);
  });

  it('passes fields the schema does not name, and matches names case-insensitively as BigQuery does', () => {
    const delivered = deliver({
      USER_ID: 'listener-4711',
      Ip_Address: '203.0.113.7',
      campaign: 'spring',
      context: { timezone: 'Europe/Stockholm', device: { battery: 0.5 } },
    });
    expect(delivered).toEqual({
      USER_ID: token('listener-4711'),
      campaign: 'spring',
      context: { timezone: 'Europe/Stockholm', device: { battery: 0.5 } },
    });
  });

  it('lists encrypt fields as not applied and delivers them unchanged', () => {
    expect(transform.notApplied).toEqual([
      { path: 'card_number', pii: 'encrypt', reason: expect.any(String) },
    ]);
    expect((deliver(EVENT) as any).card_number).toBe('4111 1111 1111 1111');
  });

  it('refuses events it cannot read, without echoing their content', () => {
    const run = (data: string) => {
      const udf = runInContext(
        `${transform.code}\n${transform.functionName};`,
        createContext({}),
      );
      return () => udf({ data, attributes: {} }, {});
    };
    expect(run('user_id=listener-4711')).toThrow(/not JSON/);
    expect(run('["listener-4711"]')).toThrow(/not a JSON object/);
    expect(() => deliver({ context: '203.0.113.7' })).toThrow(
      'anonymization: context is not a record',
    );
    expect(() => deliver({ items: [{ sku: 's' }, 'listener-4711'] })).toThrow(
      'anonymization: items[1] is not a record',
    );
    const refusal = (() => {
      try {
        return deliver({ context: '203.0.113.7' });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal).not.toContain('203.0.113.7');
  });

  it('makes the same code for the same schema and key, and new code when the marks change', () => {
    const again = generateAnonymizationTransform(
      JSON.parse(JSON.stringify(FIELDS)),
      { key: KEY },
    );
    const remarked = generateAnonymizationTransform(
      FIELDS.map(f => (f.name === 'event_id' ? { ...f, pii: 'drop' } : f)),
      { key: KEY },
    );
    expect(again.code).toBe(transform.code);
    expect(again.fingerprint).toBe(transform.fingerprint);
    expect(transform.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(remarked.fingerprint).not.toBe(transform.fingerprint);
  });

  it('refuses a short key and a function name Pub/Sub could not call', () => {
    expect(() =>
      generateAnonymizationTransform(FIELDS, { key: 'short' }),
    ).toThrow(/at least 16 characters/);
    expect(() =>
      generateAnonymizationTransform(FIELDS, {
        key: KEY,
        functionName: 'drop-pii',
      }),
    ).toThrow(/not a JavaScript identifier/);
    expect(() =>
      generateAnonymizationTransform(FIELDS, {
        key: KEY,
        functionName: 'eval',
      }),
    ).toThrow(/reserved word/);
  });
});

describe('the generated code', () => {
  it('needs no module system and no Node API', () => {
    expect(transform.code).toMatch(
      /^function anonymizeEvent\(message, metadata\) \{$/m,
    );
    expect(transform.code).not.toMatch(
      /\b(require|import|export|Buffer|TextEncoder|crypto|process|globalThis|window)\b/,
    );
  });

  it('runs in a context with only the standard ECMAScript globals, keeping the attributes', () => {
    const context = createContext({ data: JSON.stringify(EVENT) });
    const result = runInContext(
      `${transform.code}
${transform.functionName}(
  { data: data, attributes: { source: 'ios-app' } },
  { message_id: '1', publish_time: '2025-01-31T12:00:00Z' }
);`,
      context,
    );
    expect(result.attributes).toEqual({ source: 'ios-app' });
    expect(JSON.parse(result.data)).toEqual(deliver(EVENT));
  });

  it('stays a few kilobytes, even for a schema with hundreds of PII fields', () => {
    const wide = generateAnonymizationTransform(
      Array.from({ length: 300 }, (_, i) => ({
        name: `contact_field_${i}`,
        type: 'STRING' as const,
        pii: i % 2 ? ('drop' as const) : ('pseudonymize' as const),
      })),
      { key: KEY },
    );
    expect(transform.code.length).toBeLessThan(8 * 1024);
    expect(wide.code.length).toBeLessThan(16 * 1024);
  });
});
