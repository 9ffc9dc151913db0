import { songSkippedPlatform } from '../__testUtils__/songSkippedPlatform';
import {
  demoDefectOf,
  nullBurstColumn,
  thinPartitionLands,
  withDemoDefect,
} from './demoDefects';

const fields = songSkippedPlatform().eventType.spec.schema.fields;
const at = (time: string) => new Date(time);

describe('demoDefectOf', () => {
  it('gives one partition in ten each defect, by its number since the epoch', () => {
    // 2026-03-01T00:00Z is hour 492,312 and day 20,513 since the epoch.
    const hours = Array.from({ length: 10 }, (_, h) =>
      demoDefectOf(at(`2026-03-01T0${h}:00:00Z`), 'HOUR'),
    );
    expect(hours).toEqual([
      undefined,
      'null-burst',
      undefined,
      undefined,
      'duplicate-keys',
      undefined,
      undefined,
      'thin-partition',
      undefined,
      undefined,
    ]);
    expect(demoDefectOf(at('2026-03-01T00:00:00Z'), 'DAY')).toBe('null-burst');
    expect(demoDefectOf(at('2026-03-04T00:00:00Z'), 'DAY')).toBe(
      'duplicate-keys',
    );
    expect(demoDefectOf(at('2026-03-02T00:00:00Z'), 'DAY')).toBeUndefined();
  });
});

describe('withDemoDefect', () => {
  const events = ['a', 'b', 'c', 'd', 'e'].map(id => ({
    event_id: id,
    ms_played: 1000,
    ip_address: '203.0.113.7',
  }));
  const minute = at('2026-03-01T01:07:00Z');

  it('empties the first NULLABLE scalar without a PII mark or time in a null burst', () => {
    expect(nullBurstColumn(fields)).toBe('ms_played');
    const burst = withDemoDefect('null-burst', events, fields, minute);
    expect(burst.map(e => e.ms_played)).toEqual([null, null, null, null, null]);
    expect(burst.map(e => e.ip_address)).toEqual(events.map(e => e.ip_address));
  });

  it('delivers the first events again in place of the last ones', () => {
    const twice = withDemoDefect('duplicate-keys', events, fields, minute);
    expect(twice.map(e => e.event_id)).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('lands only every tenth minute of a thin partition', () => {
    expect(withDemoDefect('thin-partition', events, fields, minute)).toEqual(
      [],
    );
    const tenth = at('2026-03-01T07:10:30Z');
    expect(thinPartitionLands(tenth)).toBe(true);
    expect(withDemoDefect('thin-partition', events, fields, tenth)).toBe(
      events,
    );
    expect(withDemoDefect(undefined, events, fields, minute)).toBe(events);
  });
});
