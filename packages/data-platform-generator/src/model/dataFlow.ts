import type {
  PipelineEngine,
  PipelineScheduleType,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { PlatformCounts, TRANSFORM_LAYERS } from '../presets';
import { Random } from '../random';
import { DIMENSIONS, DOMAINS, HUBS, LAYERS, TIME_ZONES } from '../vocabulary';
import { Organization, UniqueNames } from './organization';
import { CRON_SCHEDULES } from './schedules';
import type {
  EndpointModel,
  EndpointRole,
  EventTypeModel,
  PipelineModel,
} from './types';

/** Share of transform pipelines per layer 2..8: most work is near the sources. */
const LAYER_WEIGHTS = [25, 20, 20, 13, 10, 7, 5];

/** Inputs per transform pipeline: mostly 1-5, a long tail of wide joins and roll-ups. */
const FAN_IN: Record<string, number> = {
  '1': 16,
  '2': 20,
  '3': 19,
  '4': 14,
  '5': 10,
  '6-10': 15,
  '11-30': 5,
  '31-60': 1,
};

/** Near the sources most work is hourly; reporting is mostly daily. */
const SOURCE_SCHEDULES = { hourly: 84, daily: 9, cron: 3, streaming: 4 };
const MIDDLE_SCHEDULES = { hourly: 58, daily: 36, cron: 6, streaming: 0 };
const REPORTING_SCHEDULES = { hourly: 22, daily: 68, cron: 10, streaming: 0 };
function scheduleWeights(layer: number): Record<PipelineScheduleType, number> {
  if (layer <= 3) return SOURCE_SCHEDULES;
  if (layer <= 5) return MIDDLE_SCHEDULES;
  return REPORTING_SCHEDULES;
}
const INGEST_ENGINES = { dataflow: 55, flink: 25, scio: 20 };
const STREAMING_ENGINES = { flink: 50, dataflow: 35, scio: 15 };

const BATCH_ENGINES: Record<string, number> = {
  bigquery: 35,
  dbt: 20,
  scio: 14,
  spark: 10,
  dataflow: 8,
  python: 5,
  airflow: 4,
  beam: 4,
};
const SLAS: Record<PipelineScheduleType, string[]> = {
  hourly: ['PT2H', 'PT2H', 'PT3H', 'PT1H30M'],
  daily: ['PT6H', 'PT8H', 'PT12H', 'P1D'],
  cron: ['PT4H'],
  streaming: ['PT30M'],
};
/** How skewed the choice of an input is towards the popular end of a pool. */
const POPULARITY_SKEW = 2.2;

export interface DataFlow {
  eventTypes: EventTypeModel[];
  endpoints: EndpointModel[];
  pipelines: PipelineModel[];
  hubs: number[];
}

/** Outputs are partitioned by the period their writer's schedule closes. */
function partitionGranularity(
  schedule: PipelineScheduleType,
  cron: number | undefined,
): 'HOUR' | 'DAY' {
  if (schedule === 'cron') return CRON_SCHEDULES[cron!].granularity;
  return schedule === 'daily' ? 'DAY' : 'HOUR';
}

function drawFanIn(random: Random): number {
  const [from, to = from] = random.weighted(FAN_IN).split('-').map(Number);
  return random.int(from, to);
}

function layerSizes(transforms: number): number[] {
  const total = LAYER_WEIGHTS.reduce((a, b) => a + b, 0);
  const sizes = LAYER_WEIGHTS.map(w =>
    Math.max(2, Math.floor((transforms * w) / total)),
  );
  sizes[0] += transforms - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

/**
 * The data flow: per event type a Pub/Sub topic, a streaming ingest pipeline
 * and a raw table; then seven transform layers (clean, enrich, aggregate,
 * metrics, reporting, KPIs, exports). A layer-n pipeline reads one output of
 * layer n-1 (so lineage runs n levels deep), more from the layers just below,
 * often a hub dataset; popular datasets are chosen far more often than others.
 */
export function buildDataFlow(
  counts: PlatformCounts,
  organization: Organization,
  eventTypes: Omit<EventTypeModel, 'topic' | 'rawTable'>[],
  random: Random,
): DataFlow {
  const endpoints: EndpointModel[] = [];
  const pipelines: PipelineModel[] = [];
  const endpointNames = new UniqueNames();
  const pipelineNames = new UniqueNames();
  const { teams } = organization;
  const domainCount = organization.domains.length;
  const pools: number[][] = [];
  const domainPools: number[][][] = [];
  const addEndpoint = (endpoint: EndpointModel) => endpoints.push(endpoint) - 1;

  const withEndpoints = eventTypes.map((eventType, e) => {
    const { team, domain } = eventType;
    const topic = addEndpoint({
      name: endpointNames.take(`${eventType.name}-topic`),
      role: 'topic',
      layer: 0,
      team,
      domain,
      eventType: e,
      writer: -1,
      granularity: 'NONE',
    });
    const hourly = eventType.partitioning === 'HOUR';
    const rawTable = addEndpoint({
      name: endpointNames.take(
        `${eventType.name}-raw-${hourly ? 'hourly' : 'daily'}`,
      ),
      role: 'raw',
      layer: 1,
      team,
      domain,
      eventType: e,
      writer: pipelines.length,
      granularity: eventType.partitioning,
    });
    pipelines.push({
      name: pipelineNames.take(`ingest-${eventType.name}`),
      layer: 1,
      team,
      domain,
      engine: random.weighted(INGEST_ENGINES),
      schedule: 'streaming',
      sla: 'PT30M',
      inputs: [topic],
      outputs: [rawTable],
    });
    return { ...eventType, topic, rawTable };
  });
  pools[1] = withEndpoints.map(e => e.rawTable);
  domainPools[1] = Array.from({ length: domainCount }, (_x, d) =>
    withEndpoints.filter(e => e.domain === d).map(e => e.rawTable),
  );

  const transforms = counts.pipelines - counts.eventTypes;
  const sizes = layerSizes(transforms);
  // Enough pipelines per hub that each is read far more than other datasets.
  const hubCount = Math.min(HUBS.length, Math.max(2, Math.floor(sizes[0] / 6)));
  const outputCounts = new Uint16Array(transforms).fill(1);
  for (
    let extra = counts.endpoints - 2 * counts.eventTypes - transforms;
    extra > 0;
    extra--
  ) {
    outputCounts[random.int(hubCount, transforms - 1)]++;
  }

  // Big teams own many pipelines, small ones few.
  const teamsBySize = random.shuffled(teams.map((_t, i) => i));
  const pickFrom = (layer: number, domain: number): number => {
    const local = domainPools[layer][domain];
    const pool = local.length > 0 && random.chance(0.6) ? local : pools[layer];
    return pool[random.skewedIndex(pool.length, POPULARITY_SKEW)];
  };
  const hubs: number[] = [];

  let transform = 0;
  for (let layer = 2; layer <= TRANSFORM_LAYERS + 1; layer++) {
    const layerWords = LAYERS[layer - 2];
    const written: number[] = [];
    for (let i = 0; i < sizes[layer - 2]; i++, transform++) {
      const hub = layer === 2 && i < hubCount ? HUBS[i] : undefined;
      const hubDomain = hub
        ? organization.domains.findIndex(d => d.name === hub.domain)
        : -1;
      const team = hub
        ? teams.findIndex(t => t.domain === Math.max(0, hubDomain))
        : teamsBySize[random.skewedIndex(teams.length, 1.6)];
      const domain = teams[team].domain;
      let schedule: PipelineScheduleType;
      if (hub) schedule = hub.grain;
      else schedule = random.weighted(scheduleWeights(layer));
      const cron =
        schedule === 'cron'
          ? random.int(0, CRON_SCHEDULES.length - 1)
          : undefined;
      const engine: PipelineEngine =
        schedule === 'streaming'
          ? random.weighted(STREAMING_ENGINES)
          : (random.weighted(BATCH_ENGINES) as PipelineEngine);

      const inputs = new Set<number>();
      if (hub) {
        const wanted = random.int(1, 4);
        for (let k = 0; k < wanted * 3 && inputs.size < wanted; k++) {
          inputs.add(pickFrom(1, domain));
        }
      } else {
        const fanIn = drawFanIn(random);
        inputs.add(pickFrom(layer - 1, domain));
        if (layer >= 3 && hubs.length > 0) {
          if (random.chance(0.5)) inputs.add(hubs[random.zipf(hubs.length, 1)]);
          if (random.chance(0.12))
            inputs.add(hubs[random.zipf(hubs.length, 1)]);
        }
        for (let k = 0; k < fanIn * 4 && inputs.size < fanIn; k++) {
          inputs.add(
            pickFrom(random.int(Math.max(1, layer - 3), layer - 1), domain),
          );
        }
      }

      const granularity = partitionGranularity(schedule, cron);
      const vocabulary = DOMAINS[domain];
      const entity = hub?.entity ?? random.pick(vocabulary.entities);
      const outputs: number[] = [];
      for (let o = 0; o < outputCounts[transform]; o++) {
        let role: EndpointRole = 'table';
        if (hub) role = 'hub';
        else if (layer === TRANSFORM_LAYERS + 1 && random.chance(0.45))
          role = 'export';
        else if (schedule === 'streaming' && o === 0) role = 'stream';
        const measure = random.pick(vocabulary.measures);
        const dimension = random.chance(0.5)
          ? random.pick(DIMENSIONS)
          : undefined;
        let grain = granularity === 'HOUR' ? 'hourly' : 'daily';
        if (role === 'stream') grain = 'stream';
        let base = `${layerWords.prefix}-${entity}-${measure}`;
        if (dimension && base.length + dimension.length < 42)
          base += `-by-${dimension}`;
        const name = hub
          ? endpointNames.take(`${hub.name}-${grain}`)
          : endpointNames.take(`${base}-${grain}`);
        outputs.push(
          addEndpoint({
            name,
            role,
            layer,
            team,
            domain,
            writer: pipelines.length,
            granularity: role === 'stream' ? 'NONE' : granularity,
            entity,
            measure: hub ? undefined : measure,
            dimension: hub ? undefined : dimension,
          }),
        );
      }
      if (hub) hubs.push(outputs[0]);
      else if (layer <= TRANSFORM_LAYERS) written.push(...outputs);

      const outputName = endpoints[outputs[0]].name;
      pipelines.push({
        name: pipelineNames.take(
          hub
            ? `build-${outputName}`
            : `${layerWords.verb}-${outputName.slice(
                layerWords.prefix.length + 1,
              )}`,
        ),
        layer,
        team,
        domain,
        engine,
        schedule,
        cron,
        timezone:
          schedule === 'daily' && random.chance(0.12)
            ? random.pick(TIME_ZONES)
            : undefined,
        sla: random.pick(SLAS[schedule]),
        inputs: [...inputs],
        outputs,
      });
    }
    pools[layer] = written;
    domainPools[layer] = Array.from({ length: domainCount }, (_x, d) =>
      written.filter(e => endpoints[e].domain === d),
    );
  }

  return { eventTypes: withEndpoints, endpoints, pipelines, hubs };
}
