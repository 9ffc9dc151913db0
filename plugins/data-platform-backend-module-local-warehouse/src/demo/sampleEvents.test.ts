import {
  generateAnonymizationTransform,
  runAnonymizationTransform,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { songSkippedPlatform } from '../__testUtils__/songSkippedPlatform';
import { sampleEvent } from './sampleEvents';

const fields = songSkippedPlatform().eventType.spec.schema.fields;
const at = new Date('2026-03-01T12:34:56Z');

/** A seeded generator, so the test sees the same events every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('sampleEvent', () => {
  it('sets every REQUIRED field, nested ones too, and every time field to the event time', () => {
    const random = seeded(7);
    for (let i = 0; i < 50; i++) {
      const event = sampleEvent(fields, at, random) as any;
      expect(event.event_time).toBe('2026-03-01T12:34:56.000Z');
      expect(typeof event.event_id).toBe('string');
      expect(typeof event.user_id).toBe('string');
      expect(typeof event.context.device.os).toBe('string');
      expect(Array.isArray(event.moods)).toBe(true);
      for (const queued of event.queue) {
        expect(typeof queued.track_id).toBe('string');
      }
    }
  });

  it('varies values: unique event ids, users from a pool, some nulls', () => {
    const random = seeded(11);
    const events = Array.from(
      { length: 300 },
      () => sampleEvent(fields, at, random) as any,
    );
    expect(new Set(events.map(e => e.event_id)).size).toBe(300);
    const users = new Set(events.map(e => e.user_id));
    expect(users.size).toBeGreaterThan(50);
    expect(users.size).toBeLessThanOrEqual(100);
    expect([...users][0]).toMatch(/^user-\d{3}$/);
    expect(events.some(e => e.ms_played === null)).toBe(true);
    expect(new Set(events.map(e => e.ms_played)).size).toBeGreaterThan(100);
  });

  it('gives every type a value its column takes', () => {
    const allTypes: SchemaField[] = [
      'STRING',
      'BYTES',
      'INT64',
      'FLOAT64',
      'NUMERIC',
      'BIGNUMERIC',
      'BOOL',
      'TIMESTAMP',
      'DATE',
      'TIME',
      'DATETIME',
      'INTERVAL',
      'GEOGRAPHY',
      'JSON',
    ].map(type => ({
      name: `f_${type.toLowerCase()}`,
      type: type as SchemaField['type'],
      mode: 'REQUIRED' as const,
    }));
    const event = sampleEvent(allTypes, at, seeded(3));
    expect(event).toMatchObject({
      f_timestamp: '2026-03-01T12:34:56.000Z',
      f_date: '2026-03-01',
      f_time: '12:34:56',
      f_datetime: '2026-03-01T12:34:56',
      f_interval: '0-0 1 0:0:0',
      f_geography: 'POINT(18.07 59.33)',
    });
    expect(Buffer.from(event.f_bytes as string, 'base64')).toHaveLength(4);
    expect(Number.isInteger(event.f_int64)).toBe(true);
    expect(typeof event.f_bool).toBe('boolean');
  });

  it('makes events the generated transform takes', () => {
    const transform = generateAnonymizationTransform(fields, {
      key: 'a-test-key-of-24-chars!',
    });
    const event = sampleEvent(fields, at, seeded(5)) as any;
    const landed = runAnonymizationTransform(transform, event) as any;
    expect(landed).not.toHaveProperty('ip_address');
    expect(landed.user_id).toMatch(/^[0-9a-f]{64}$/);
  });
});
