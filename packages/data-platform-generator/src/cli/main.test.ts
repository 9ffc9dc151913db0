import yaml from 'js-yaml';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from './main';
import { parseCliArgs } from './parseCliArgs';

describe('generate:platform CLI', () => {
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-generator-'));
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  it('resolves --out against the directory yarn was run from', () => {
    const options = parseCliArgs(
      ['--preset', 'medium', '--out', 'gen', '--seed', '3', '--burst'],
      '/home/me/work',
      '/repo/packages/data-platform-generator',
    );
    expect(options.out).toBe('/home/me/work/gen');
    expect(options.platform).toMatchObject({ preset: 'medium', seed: 3 });
    expect(options.events?.mode).toBe('burst');
    expect(
      parseCliArgs([], '/x', '/repo/packages/data-platform-generator').out,
    ).toBe('/repo/packages/data-platform-generator/out/spotify');
    expect(() => parseCliArgs(['--preset', 'huge'], '/x', '/y')).toThrow(
      /--preset must be one of/,
    );
  });

  it('writes a catalog one file location loads, and an NDJSON event file', async () => {
    const lines: string[] = [];
    const code = await main(
      [
        '--preset',
        'small',
        '--out',
        'platform',
        '--events-hours',
        '2',
        '--events-end',
        '2025-03-30T02:00:00Z',
        '--entities-per-file',
        '100',
      ],
      { cwd: out, packageDir: out, log: line => lines.push(line) },
    );
    expect(code).toBe(0);
    const dir = path.join(out, 'platform');

    const [location] = yaml.loadAll(
      fs.readFileSync(path.join(dir, 'catalog', 'all.yaml'), 'utf8'),
    ) as any[];
    expect(location.kind).toBe('Location');
    const entities = location.spec.targets.flatMap((target: string) =>
      yaml.loadAll(fs.readFileSync(path.join(dir, 'catalog', target), 'utf8')),
    );
    const summary = JSON.parse(
      fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'),
    );
    expect(entities).toHaveLength(summary.catalog.entities);
    expect(location.spec.targets.length).toBeGreaterThan(4);

    const events = fs
      .readFileSync(path.join(dir, 'openlineage', 'events.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(events).toHaveLength(summary.events.events);
    expect(events[0]).toMatchObject({
      eventType: 'START',
      run: { runId: expect.any(String) },
    });
    expect(lines.join('\n')).toMatch(/lineage: \d+ nodes, \d+ edges/);
  });
});
