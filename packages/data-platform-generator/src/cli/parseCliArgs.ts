import path from 'node:path';
import { parseArgs } from 'node:util';
import { PlatformOptions, PRESET_NAMES, PresetName } from '../presets';
import type { OpenLineageEventOptions } from '../openlineage/runPlans';

export const USAGE = `Usage: yarn generate:platform [options]

Writes a synthetic data platform: catalog entity YAML (load <out>/catalog/all.yaml
as one file location) and an OpenLineage event file (<out>/openlineage/events.ndjson).

  --preset <name>        ${PRESET_NAMES.join(' | ')} (default spotify)
  --out <dir>            output directory (default packages/data-platform-generator/out/<preset>)
  --seed <n>             same seed, same platform (default 1)
  --namespace <name>     catalog namespace of every entity (default default)
  --project-prefix <p>   prefix of GCP projects and buckets (default tunewave, or the
                         namespace when one is given)
  --event-types <n>, --pipelines <n>, --endpoints <n>, --teams <n>
                         override the preset's counts
  --entities-per-file <n> entities per YAML file (default 2500)
  --events-hours <n>     hour boundaries of runs to emit (default per preset: 2 spotify,
                         6 large, 24 medium, 48 small)
  --events-end <time>    last boundary, ISO 8601 (default: the current hour, and events
                         after now are left out, so some runs are still in flight)
  --burst                instead of a window: START and COMPLETE/FAIL of every batch
                         pipeline within the minute after --events-end
  --failure-rate <0..1>  share of runs that FAIL (default 0.01)
  --no-events            write the catalog only
  --help`;

/** Parsed command line. */
export interface CliOptions {
  platform: PlatformOptions & { preset: PresetName };
  out: string;
  entitiesPerFile?: number;
  events?: Omit<OpenLineageEventOptions, 'end'> & { end?: string };
  help: boolean;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new Error(`--${name} must be an integer, got "${value}"`);
  return n;
}

/**
 * Parses the CLI's arguments. Relative paths are taken from `cwd`: where the
 * user ran `yarn` (yarn passes it as INIT_CWD), not the script's directory.
 */
export function parseCliArgs(
  argv: string[],
  cwd: string,
  packageDir: string,
): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      preset: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      namespace: { type: 'string' },
      'project-prefix': { type: 'string' },
      'event-types': { type: 'string' },
      pipelines: { type: 'string' },
      endpoints: { type: 'string' },
      teams: { type: 'string' },
      'entities-per-file': { type: 'string' },
      'events-hours': { type: 'string' },
      'events-end': { type: 'string' },
      burst: { type: 'boolean' },
      'failure-rate': { type: 'string' },
      'no-events': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const preset = (values.preset ?? 'spotify') as PresetName;
  if (!PRESET_NAMES.includes(preset)) {
    throw new Error(
      `--preset must be one of ${PRESET_NAMES.join(', ')}, got "${preset}"`,
    );
  }
  const failureRate =
    values['failure-rate'] === undefined
      ? undefined
      : Number(values['failure-rate']);
  if (failureRate !== undefined && !(failureRate >= 0 && failureRate <= 1)) {
    throw new Error(
      `--failure-rate must be between 0 and 1, got "${values['failure-rate']}"`,
    );
  }
  return {
    help: values.help ?? false,
    platform: {
      preset,
      seed: integer('seed', values.seed),
      namespace: values.namespace,
      projectPrefix: values['project-prefix'],
      eventTypes: integer('event-types', values['event-types']),
      pipelines: integer('pipelines', values.pipelines),
      endpoints: integer('endpoints', values.endpoints),
      teams: integer('teams', values.teams),
    },
    out: path.resolve(cwd, values.out ?? path.join(packageDir, 'out', preset)),
    entitiesPerFile: integer('entities-per-file', values['entities-per-file']),
    events: values['no-events']
      ? undefined
      : {
          end: values['events-end'],
          hours: integer('events-hours', values['events-hours']),
          mode: values.burst ? 'burst' : 'window',
          failureRate,
        },
  };
}
