import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fieldPii, flattenFields, SchemaField } from '../../schema/fields';
import { exampleEvent } from '../../schema-formats/sampleEvent';
import { generateAnonymizationTransform } from './generateAnonymizationTransform';
import { runAnonymizationTransform } from './runAnonymizationTransform';

const KEY = 'delivery-key-for-tests-0001';
const EXAMPLES = resolve(__dirname, '../../../../../examples');

const token = (value: unknown) =>
  createHmac('sha256', KEY).update(String(value)).digest('hex');

/** The event types the sample data platform declares, by name. */
function exampleEventTypes(): Map<string, SchemaField[]> {
  const eventTypes = new Map<string, SchemaField[]>();
  for (const domain of readdirSync(EXAMPLES)) {
    const file = join(EXAMPLES, domain, 'event-types.yaml');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const document of parseAllDocuments(text)) {
      const entity = document.toJSON();
      if (entity?.kind === 'EventType') {
        eventTypes.set(entity.metadata.name, entity.spec.schema.fields);
      }
    }
  }
  return eventTypes;
}

/** Every value at a dotted path, through records and repeated records. */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap(v => valuesAt(v, path));
  if (path.length === 0) return [value];
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return path[0] in record ? valuesAt(record[path[0]], path.slice(1)) : [];
}

const eventTypes = exampleEventTypes();

describe('anonymizing the sample platform’s events', () => {
  it('finds the example event types', () => {
    expect(eventTypes.has('track-played')).toBe(true);
    expect(eventTypes.size).toBeGreaterThan(5);
  });

  it('delivers a Track Played event without its IP address and with tokens for the listener and device', () => {
    const fields = eventTypes.get('track-played')!;
    const transform = generateAnonymizationTransform(fields, { key: KEY });
    const event = exampleEvent(fields) as any;
    const delivered = runAnonymizationTransform(transform, event) as any;

    expect(transform.dropped).toEqual(['context.ip_address']);
    expect(transform.pseudonymized).toEqual([
      'user_id',
      'context.device.device_id',
    ]);
    const { ip_address: _dropped, ...contextKept } = event.context;
    expect(delivered).toEqual({
      ...event,
      user_id: token(event.user_id),
      context: {
        ...contextKept,
        device: {
          ...event.context.device,
          device_id: token(event.context.device.device_id),
        },
      },
    });
  });

  it.each([...eventTypes.keys()])(
    'applies every PII mark of %s to its example event',
    name => {
      const fields = eventTypes.get(name)!;
      const transform = generateAnonymizationTransform(fields, { key: KEY });
      const event = exampleEvent(fields);
      const delivered = runAnonymizationTransform(transform, event);

      for (const path of transform.dropped) {
        expect(valuesAt(delivered, path.split('.'))).toEqual([]);
      }
      for (const path of transform.pseudonymized) {
        const before = valuesAt(event, path.split('.'));
        expect(valuesAt(delivered, path.split('.'))).toEqual(before.map(token));
      }
      for (const { path } of transform.notApplied) {
        expect(valuesAt(delivered, path.split('.'))).toEqual(
          valuesAt(event, path.split('.')),
        );
      }
      const handled = (path: string) =>
        transform.dropped.some(d => path === d || path.startsWith(`${d}.`)) ||
        transform.pseudonymized.includes(path) ||
        transform.notApplied.some(n => n.path === path);
      const unhandled = flattenFields(fields)
        .filter(({ field }) => fieldPii(field) !== 'none')
        .filter(({ field }) => field.type !== 'RECORD')
        .filter(({ path }) => !handled(path));
      expect(unhandled).toEqual([]);
    },
  );

  it('lists the monetization domain’s encrypt fields as not applied', () => {
    const notApplied = [...eventTypes.values()].flatMap(
      fields => generateAnonymizationTransform(fields, { key: KEY }).notApplied,
    );
    expect(notApplied.length).toBeGreaterThan(0);
    expect(notApplied.every(n => n.pii === 'encrypt')).toBe(true);
  });
});
