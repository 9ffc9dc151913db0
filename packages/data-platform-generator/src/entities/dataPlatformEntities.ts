import {
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
  DATA_PLATFORM_API_VERSION,
  DataEndpointEntity,
  EventTypeEntity,
  PipelineEntity,
  QualityCheck,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { forkRandom } from '../random';
import { endpointLocation, pipelineJobName } from '../model/identities';
import { CRON_SCHEDULES } from '../model/schedules';
import {
  endpointFields,
  eventTypeSchema,
  partitionColumn,
} from '../model/schemas';
import type { Platform } from '../model/types';
import { LAYERS } from '../vocabulary';

/** `android-track-played` -> `Android Track Played` */
export function titleOf(name: string): string {
  return name
    .split('-')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function metadata(platform: Platform, name: string, extra: object = {}) {
  const { namespace } = platform.options;
  return {
    name,
    ...(namespace === 'default' ? {} : { namespace }),
    ...extra,
  };
}

const LIFECYCLES = { production: 90, experimental: 7, deprecated: 3 };

function lifecycle(seed: number, kind: string, index: number): string {
  return forkRandom(seed, 'lifecycle', kind, index).weighted(LIFECYCLES);
}

export function eventTypeEntity(
  platform: Platform,
  index: number,
): EventTypeEntity {
  const eventType = platform.eventTypes[index];
  const team = platform.teams[eventType.team];
  const { fields, history, compatibility } = eventTypeSchema(platform, index);
  const producers = eventType.producers.map(c => platform.components[c].name);
  return {
    apiVersion: DATA_PLATFORM_API_VERSION,
    kind: 'EventType',
    metadata: metadata(platform, eventType.name, {
      title: titleOf(eventType.name),
      description: `Sent by ${producers.join(
        ', ',
      )} when a ${eventType.subject.replace(/-/g, ' ')} is ${
        eventType.action
      }.`,
      tags: [
        platform.domains[eventType.domain].name,
        ...(eventType.client ? ['client-event'] : []),
      ],
    }),
    spec: {
      owner: team.name,
      lifecycle: lifecycle(platform.options.seed, 'event-type', index),
      system: platform.systems[team.system].name,
      producers,
      delivery: {
        partitioning: eventType.partitioning,
        retentionDays: eventType.retentionDays,
      },
      schema: {
        revision: eventType.revision,
        compatibility,
        fields,
        ...(history.length > 0 ? { history } : {}),
      },
    },
  };
}

function qualityChecks(
  platform: Platform,
  index: number,
  idColumn: string,
  endpointType: string,
): QualityCheck[] | undefined {
  const endpoint = platform.endpoints[index];
  const random = forkRandom(platform.options.seed, 'quality', index);
  if (endpoint.role !== 'hub' && !random.chance(0.35)) return undefined;
  const checks: QualityCheck[] = [
    {
      type: 'freshness',
      maxDelay: endpoint.granularity === 'DAY' ? 'P1D' : 'PT3H',
    },
  ];
  if (random.chance(0.6))
    checks.push({
      type: 'volume',
      minRows: random.pick([1, 100, 1000, 100000]),
    });
  // Checks that read rows only where there are rows to read: a topic or a
  // bucket path has none (the validation refuses them there). The draw is
  // made either way, so the rest of the platform stays as it was.
  const scans = endpointType === 'bigquery-table';
  if (random.chance(0.5) && scans)
    checks.push({ type: 'null_rate', column: idColumn, maxNullRate: 0.01 });
  if (endpoint.role === 'hub' && scans)
    checks.push({ type: 'uniqueness', column: idColumn });
  return checks;
}

export function dataEndpointEntity(
  platform: Platform,
  index: number,
): DataEndpointEntity {
  const endpoint = platform.endpoints[index];
  const team = platform.teams[endpoint.team];
  const random = forkRandom(platform.options.seed, 'endpoint', index);
  const { type, location } = endpointLocation(platform, index);
  const eventType =
    endpoint.eventType !== undefined
      ? platform.eventTypes[endpoint.eventType]
      : undefined;
  const spec: DataEndpointEntity['spec'] = {
    type,
    owner: team.name,
    lifecycle: lifecycle(platform.options.seed, 'endpoint', index),
    system: platform.systems[team.system].name,
    location,
  };
  if (eventType) {
    spec.schema = { eventType: eventType.name };
    if (endpoint.role === 'raw') {
      spec.partitioning = {
        granularity: endpoint.granularity,
        field: 'event_time',
      };
      spec.retentionDays = eventType.retentionDays;
    } else {
      spec.retentionDays = 7;
    }
  } else {
    const fields = endpointFields(platform, index);
    spec.schema = { fields };
    if (endpoint.granularity !== 'NONE') {
      const keys =
        endpoint.dimension && random.chance(0.3)
          ? [endpoint.dimension.replace(/-/g, '_')]
          : undefined;
      spec.partitioning = {
        granularity: endpoint.granularity,
        field: partitionColumn(endpoint.granularity),
        ...(keys ? { keys } : {}),
      };
    }
    spec.retentionDays =
      endpoint.role === 'hub' ? 3650 : random.pick([30, 90, 365, 730]);
    const quality = qualityChecks(platform, index, fields[1].name, type);
    if (quality) spec.quality = quality;
  }
  if (random.chance(0.15)) {
    const readers = new Set([
      random.pick(platform.teams).name,
      random.pick(platform.teams).name,
    ]);
    spec.access = { readers: [...readers], writers: [team.name] };
  }
  const writer =
    endpoint.writer >= 0 ? platform.pipelines[endpoint.writer].name : undefined;
  return {
    apiVersion: DATA_PLATFORM_API_VERSION,
    kind: 'DataEndpoint',
    metadata: metadata(platform, endpoint.name, {
      title: titleOf(endpoint.name),
      description: writer
        ? `Written by the ${writer} pipeline.`
        : `Pub/Sub topic the producers of ${eventType!.name} publish to.`,
      tags: [
        endpoint.role === 'table'
          ? LAYERS[endpoint.layer - 2].dataset
          : endpoint.role,
        platform.domains[endpoint.domain].name,
      ],
    }),
    spec,
  };
}

const SCHEDULE_WORDS: Record<string, string> = {
  hourly: 'Hourly',
  daily: 'Daily',
  cron: 'Scheduled',
  streaming: 'Streaming',
};

export function pipelineEntity(
  platform: Platform,
  index: number,
): PipelineEntity {
  const pipeline = platform.pipelines[index];
  const team = platform.teams[pipeline.team];
  const job = pipelineJobName(platform, index);
  const layer =
    pipeline.layer === 1 ? 'ingest' : LAYERS[pipeline.layer - 2].dataset;
  const schedule: PipelineEntity['spec']['schedule'] = {
    type: pipeline.schedule,
  };
  if (pipeline.cron !== undefined)
    schedule.cron = CRON_SCHEDULES[pipeline.cron].cron;
  if (pipeline.timezone) schedule.timezone = pipeline.timezone;
  return {
    apiVersion: DATA_PLATFORM_API_VERSION,
    kind: 'Pipeline',
    metadata: metadata(platform, pipeline.name, {
      title: titleOf(pipeline.name),
      description: `${SCHEDULE_WORDS[pipeline.schedule]} ${
        pipeline.engine
      } job reading ${pipeline.inputs.length} and writing ${
        pipeline.outputs.length
      } endpoint(s).`,
      tags: [layer, pipeline.engine],
      annotations: {
        [ANNOTATION_OPENLINEAGE_NAMESPACE]: job.namespace,
        [ANNOTATION_OPENLINEAGE_NAME]: job.name,
      },
    }),
    spec: {
      owner: team.name,
      lifecycle: lifecycle(platform.options.seed, 'pipeline', index),
      system: platform.systems[team.system].name,
      engine: pipeline.engine,
      schedule,
      sla: { deadline: pipeline.sla },
      inputs: pipeline.inputs.map(i => platform.endpoints[i].name),
      outputs: pipeline.outputs.map(o => platform.endpoints[o].name),
    },
  };
}
