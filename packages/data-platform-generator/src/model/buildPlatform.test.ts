import { lineageStats } from '../lineage/lineageStats';
import { presetCounts } from '../presets';
import { buildPlatform } from './buildPlatform';

describe('buildPlatform', () => {
  const platform = buildPlatform({ preset: 'small' });
  const stats = lineageStats(platform);

  it('is deterministic for a seed, and differs between seeds', () => {
    const again = buildPlatform({ preset: 'small' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(platform));
    const other = buildPlatform({ preset: 'small', seed: 2 });
    expect(JSON.stringify(other.pipelines)).not.toBe(
      JSON.stringify(platform.pipelines),
    );
  });

  it('has the preset counts, and takes overrides', () => {
    const counts = presetCounts('small');
    expect(platform.eventTypes).toHaveLength(counts.eventTypes);
    expect(platform.pipelines).toHaveLength(counts.pipelines);
    expect(platform.endpoints).toHaveLength(counts.endpoints);
    expect(platform.teams).toHaveLength(counts.teams);
    const custom = buildPlatform({
      preset: 'small',
      pipelines: 200,
      endpoints: 400,
    });
    expect(custom.pipelines).toHaveLength(200);
    expect(custom.endpoints).toHaveLength(400);
  });

  it('refuses counts that cannot fit together', () => {
    expect(() => buildPlatform({ preset: 'small', endpoints: 50 })).toThrow(
      /endpoints \(50\) must be at least/,
    );
    expect(() => buildPlatform({ preset: 'small', pipelines: 12 })).toThrow(
      /pipelines \(12\) must exceed eventTypes/,
    );
  });

  it('schedules most pipelines hourly, many daily, a few by cron or streaming', () => {
    const share = (type: string) =>
      (stats.pipelinesBySchedule[type] ?? 0) / platform.pipelines.length;
    expect(share('hourly')).toBeGreaterThan(0.5);
    expect(share('hourly')).toBeLessThan(0.7);
    expect(share('daily')).toBeGreaterThan(0.2);
    expect(share('daily')).toBeLessThan(0.4);
    expect(share('cron') + share('streaming')).toBeLessThan(0.2);
    // Every event type is ingested by a streaming pipeline into a raw table.
    expect(stats.pipelinesByLayer[1]).toBe(platform.eventTypes.length);
  });

  it('layers lineage at least five pipelines deep, with 1-5 inputs typical', () => {
    expect(stats.maxPipelineDepth).toBeGreaterThanOrEqual(5);
    expect(stats.typicalFanInShare).toBeGreaterThan(0.7);
    // No pipeline reads what it (or anything downstream of it) writes.
    platform.pipelines.forEach((pipeline, p) => {
      for (const input of pipeline.inputs) {
        expect(platform.endpoints[input].writer).toBeLessThan(p);
      }
    });
  });

  it('has hub datasets read far more often than the rest (power-law fan-in)', () => {
    const readers = new Map<number, number>();
    for (const pipeline of platform.pipelines) {
      for (const input of pipeline.inputs) {
        readers.set(input, (readers.get(input) ?? 0) + 1);
      }
    }
    const derived = [...readers.entries()]
      .filter(([e]) => platform.endpoints[e].role === 'table')
      .map(([, count]) => count)
      .sort((a, b) => a - b);
    const median = derived[Math.floor(derived.length / 2)];
    const [topHub] = stats.hubReaders;
    expect(topHub.name).toBe('plays-hourly');
    expect(topHub.readers).toBeGreaterThan(5 * median);
    expect(topHub.readers).toBeGreaterThan(derived[derived.length - 1]);
  });

  it('gives every endpoint one writer and unique names', () => {
    const names = new Set(platform.endpoints.map(e => e.name));
    expect(names.size).toBe(platform.endpoints.length);
    const wrongWriter = platform.endpoints.filter((endpoint, e) =>
      endpoint.role === 'topic'
        ? endpoint.writer !== -1
        : !platform.pipelines[endpoint.writer].outputs.includes(e),
    );
    expect(wrongWriter).toEqual([]);
    for (const name of [...names, ...platform.pipelines.map(p => p.name)]) {
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });
});
