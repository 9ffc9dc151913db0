import fs from 'node:fs/promises';
import path from 'node:path';
import { countPlatformEntities } from '../entities/generatePlatformEntities';
import { lineageStats } from '../lineage/lineageStats';
import { buildPlatform } from '../model/buildPlatform';
import { generateOpenLineageEvents } from '../openlineage/generateOpenLineageEvents';
import { HOUR_MS } from '../openlineage/partitions';
import { writeCatalog } from '../output/writeCatalog';
import { writeEventFile } from '../output/writeEvents';
import { parseCliArgs, USAGE } from './parseCliArgs';

const n = (value: number) => value.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs the CLI; returns the process exit code. */
export async function main(
  argv: string[],
  env: { cwd: string; packageDir: string; log?: (line: string) => void },
): Promise<number> {
  const log = env.log ?? console.log;
  let options;
  try {
    options = parseCliArgs(argv, env.cwd, env.packageDir);
  } catch (error) {
    log(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    log(USAGE);
    return 0;
  }
  const started = Date.now();
  const platform = buildPlatform(options.platform);
  const built = Date.now();
  const { preset, seed } = platform.options;
  log(
    `Built the ${preset} platform (seed ${seed}) in ${seconds(
      built - started,
    )}`,
  );

  const stats = lineageStats(platform);
  const counts = countPlatformEntities(platform);
  log(
    `  entities: ${Object.entries(counts)
      .map(([kind, count]) => `${kind} ${n(count)}`)
      .join(', ')}`,
  );
  log(
    `  lineage: ${n(stats.nodes)} nodes, ${n(
      stats.edges,
    )} edges; pipeline depth ${stats.maxPipelineDepth}; ${Math.round(
      stats.typicalFanInShare * 100,
    )}% of transforms read 1-5 inputs (max ${stats.maxFanIn})`,
  );
  log(
    `  schedules: ${Object.entries(stats.pipelinesBySchedule)
      .map(
        ([type, count]) =>
          `${type} ${n(count)} (${Math.round(
            (count / platform.pipelines.length) * 100,
          )}%)`,
      )
      .join(', ')}`,
  );
  log(
    `  hubs: ${stats.hubReaders
      .map(h => `${h.name} ${n(h.readers)}`)
      .join(', ')} readers`,
  );

  const catalogDir = path.join(options.out, 'catalog');
  await fs.rm(catalogDir, { recursive: true, force: true });
  const catalog = await writeCatalog(platform, catalogDir, {
    entitiesPerFile: options.entitiesPerFile,
  });
  const written = Date.now();
  log(
    `Wrote ${n(catalog.entities)} entities in ${
      catalog.files.length
    } files (${mb(catalog.bytes)}) in ${seconds(written - built)}`,
  );
  log(`  register ${catalog.locationFile} as a file location`);

  let events;
  if (options.events) {
    const now = Date.now();
    const end =
      options.events.end ??
      new Date(Math.floor(now / HOUR_MS) * HOUR_MS).toISOString();
    const hours = options.events.hours ?? platform.options.defaultEventHours;
    const burst = options.events.mode === 'burst';
    const file = path.join(
      options.out,
      'openlineage',
      burst ? 'burst.ndjson' : 'events.ndjson',
    );
    events = await writeEventFile(
      generateOpenLineageEvents(platform, {
        ...options.events,
        end,
        hours,
        // Without an explicit end the window closes now: later events have not happened yet.
        until: options.events.end ? undefined : now,
      }),
      file,
    );
    log(
      `Wrote ${n(events.events)} OpenLineage events (${Object.entries(
        events.byType,
      )
        .map(([type, count]) => `${type} ${n(count)}`)
        .join(', ')}) from ${events.firstEventTime} to ${
        events.lastEventTime
      } (${mb(events.bytes)}) in ${seconds(Date.now() - written)}`,
    );
    log(`  ${file}`);
  }

  const elapsed = Date.now() - started;
  const cpuMs = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  await fs.writeFile(
    path.join(options.out, 'summary.json'),
    `${JSON.stringify(
      {
        options: platform.options,
        counts,
        lineage: stats,
        catalog,
        events,
        elapsedMs: elapsed,
        cpuMs: Math.round(cpuMs),
      },
      null,
      2,
    )}\n`,
  );
  log(`Done in ${seconds(elapsed)} (CPU ${seconds(cpuMs)}): ${options.out}`);
  return 0;
}
