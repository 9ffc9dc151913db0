import {
  OpenLineageDataset,
  OpenLineageEventHandler,
  preparedFor,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import {
  emptyPartitionMetrics,
  evaluateChecks,
  PartitionMetrics,
  QualitySeverity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { previousPartitionStart, partitionStartAt } from './partitions';
import { QualityCatalogStore } from './store/QualityCatalogStore';
import {
  QualityResultStore,
  StoredResult,
  UNPARTITIONED,
} from './store/QualityResultStore';

/** An assertion as the `dataQualityAssertions` input facet carries it. */
type Assertion = {
  assertion: string;
  success: boolean;
  column?: string;
  severity?: string;
  name?: string;
  description?: string;
};

/** What the handler takes of an event. */
type QualityFacts = {
  eventTime: number;
  /** A COMPLETE run's outputs: partitions that just landed. */
  landed: { namespace: string; name: string }[];
  nominalStart?: number;
  /** Inputs with quality facets, with what they say. */
  assertions: {
    namespace: string;
    name: string;
    assertions: Assertion[];
    metrics?: PartitionMetrics;
  }[];
  producer: string;
};

const EMPTY: QualityFacts = {
  eventTime: 0,
  landed: [],
  assertions: [],
  producer: '',
};

/** The emitter an event's `producer` URL names: dbt, Great Expectations, Soda... */
export function sourceOfProducer(producer: string): string {
  const p = producer.toLowerCase();
  if (p.includes('dbt')) return 'dbt';
  if (p.includes('great_expectations') || p.includes('great-expectations')) {
    return 'great_expectations';
  }
  if (p.includes('soda')) return 'soda';
  return 'openlineage';
}

/** dbt's `error` blocks the pipeline: critical; `warn`: a warning. */
function severityOf(assertion: Assertion): QualitySeverity {
  const severity = (assertion.severity ?? '').toLowerCase();
  if (severity === 'error' || severity === 'critical') return 'critical';
  if (severity === 'info') return 'info';
  return 'warning';
}

/**
 * What a `dataQualityMetrics` input facet measured (Great Expectations and
 * Soda report it), as the metrics the declared checks are judged on.
 */
function metricsOf(dataset: OpenLineageDataset): PartitionMetrics | undefined {
  const facet = (dataset.inputFacets?.dataQualityMetrics ??
    dataset.facets?.dataQualityMetrics) as
    | { rowCount?: unknown; columnMetrics?: unknown }
    | undefined;
  if (
    !facet ||
    typeof facet.columnMetrics !== 'object' ||
    !facet.columnMetrics
  ) {
    return undefined;
  }
  const metrics = emptyPartitionMetrics();
  const rowCount =
    typeof facet.rowCount === 'number' ? facet.rowCount : undefined;
  if (rowCount !== undefined) metrics.rowCount = rowCount;
  for (const [column, raw] of Object.entries(
    facet.columnMetrics as Record<string, Record<string, unknown>>,
  )) {
    if (!raw || typeof raw !== 'object') continue;
    const num = (key: string) =>
      typeof raw[key] === 'number' ? (raw[key] as number) : undefined;
    const nulls = num('nullCount');
    const count = num('count');
    const nonNull =
      count ??
      (rowCount !== undefined && nulls !== undefined
        ? rowCount - nulls
        : undefined);
    metrics.columns[column] = {
      ...(nonNull !== undefined ? { nonNullCount: nonNull } : {}),
      ...(num('distinctCount') !== undefined
        ? { distinctCount: num('distinctCount') }
        : {}),
      ...(num('min') !== undefined ? { min: num('min') } : {}),
      ...(num('max') !== undefined ? { max: num('max') } : {}),
    };
  }
  return metrics;
}

/** Checks an emitter's metrics can judge: counts and bounds, not scans of ours. */
const METRIC_CHECK_TYPES = ['null_rate', 'uniqueness', 'range', 'volume'];

function assertionsOf(dataset: OpenLineageDataset): Assertion[] {
  const facet = (dataset.inputFacets?.dataQualityAssertions ??
    dataset.facets?.dataQualityAssertions) as
    | { assertions?: unknown }
    | undefined;
  const list = Array.isArray(facet?.assertions) ? facet!.assertions : [];
  return list.filter(
    (a): a is Assertion =>
      !!a &&
      typeof (a as Assertion).assertion === 'string' &&
      typeof (a as Assertion).success === 'boolean',
  );
}

/**
 * Quality's part of OpenLineage ingestion: a COMPLETE run queues the
 * partitions it wrote for their checks; assertions that dbt, Great
 * Expectations or Soda report in `dataQualityAssertions` input facets
 * become check results of the endpoint they name, with their source; and
 * the counts they report in `dataQualityMetrics` judge the endpoint's
 * declared null rate, uniqueness, range and volume checks. All
 * cost one indexed lookup of the batch's dataset names, in the batch's
 * transaction.
 */
export class QualityEventHandler implements OpenLineageEventHandler {
  readonly name = 'quality';

  prepare(validated: ValidatedEvent): QualityFacts {
    if (validated.kind !== 'RunEvent') return EMPTY;
    const event = validated.event;
    const landed =
      event.eventType === 'COMPLETE'
        ? (event.outputs ?? []).map(o => ({
            namespace: o.namespace,
            name: o.name,
          }))
        : [];
    const assertions = (event.inputs ?? [])
      .map(i => {
        const metrics = metricsOf(i);
        return {
          namespace: i.namespace,
          name: i.name,
          assertions: assertionsOf(i),
          ...(metrics ? { metrics } : {}),
        };
      })
      .filter(i => i.assertions.length > 0 || i.metrics);
    if (landed.length === 0 && assertions.length === 0) return EMPTY;
    const nominal = event.run.facets?.nominalTime?.nominalStartTime;
    const nominalStart =
      typeof nominal === 'string' ? Date.parse(nominal) : undefined;
    return {
      eventTime: validated.eventTime,
      landed,
      ...(nominalStart !== undefined && Number.isFinite(nominalStart)
        ? { nominalStart }
        : {}),
      assertions,
      producer: event.producer ?? '',
    };
  }

  async handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void> {
    const facts = events
      .map(e => preparedFor(e, this))
      .filter(f => f !== EMPTY && (f.landed.length || f.assertions.length));
    if (facts.length === 0) return;
    const names = new Map<string, { namespace: string; name: string }>();
    for (const f of facts) {
      for (const d of [...f.landed, ...f.assertions]) {
        names.set(`${d.namespace}\u0000${d.name}`, {
          namespace: d.namespace,
          name: d.name,
        });
      }
    }
    const endpointsByName = await new QualityCatalogStore(tx).endpointsNamed([
      ...names.values(),
    ]);
    if (endpointsByName.size === 0) return;
    const catalog = new QualityCatalogStore(tx);
    const endpoints = await catalog.checksOf([
      ...new Set([...endpointsByName.values()].flat()),
    ]);

    const queue: Parameters<QualityResultStore['enqueue']>[0] = [];
    const results: StoredResult[] = [];
    for (const f of facts) {
      const partitionOf = (ref: string) => {
        const granularity = endpoints.get(ref)?.partitioning?.granularity;
        if (!granularity) return UNPARTITIONED;
        return f.nominalStart !== undefined
          ? partitionStartAt(granularity, f.nominalStart)
          : previousPartitionStart(granularity, f.eventTime);
      };
      for (const d of f.landed) {
        for (const ref of endpointsByName.get(
          `${d.namespace}\u0000${d.name}`,
        ) ?? []) {
          if (!endpoints.get(ref)?.checks.length) continue;
          queue.push({
            endpointRef: ref,
            partitionStart: partitionOf(ref),
            reason: 'landed',
          });
        }
      }
      const source = sourceOfProducer(f.producer);
      for (const d of f.assertions) {
        for (const ref of endpointsByName.get(
          `${d.namespace}\u0000${d.name}`,
        ) ?? []) {
          const endpoint = endpoints.get(ref);
          if (d.metrics && endpoint) {
            const checks = endpoint.checks.filter(c =>
              METRIC_CHECK_TYPES.includes(c.type),
            );
            const judged = evaluateChecks(checks, d.metrics, {
              evaluatedAt: new Date(f.eventTime).toISOString(),
            }).filter(r => r.status === 'pass' || r.status === 'fail');
            for (const r of judged) {
              results.push({
                ...r,
                endpointRef: ref,
                partitionStart: partitionOf(ref),
                source,
                evaluatedAt: f.eventTime,
              });
            }
          }
          for (const a of d.assertions) {
            const name =
              a.name ?? (a.column ? `${a.assertion}:${a.column}` : a.assertion);
            results.push({
              endpointRef: ref,
              partitionStart: partitionOf(ref),
              source,
              name,
              type: 'assertion',
              severity: severityOf(a),
              status: a.success ? 'pass' : 'fail',
              metric: a.assertion,
              ...(a.column ? { column: a.column } : {}),
              message: `${a.description ?? name}: ${
                a.success ? 'passed' : 'failed'
              } in ${source}`,
              evaluatedAt: f.eventTime,
            });
          }
        }
      }
    }
    const store = new QualityResultStore(tx);
    if (queue.length) await store.enqueue(queue, Date.now());
    if (results.length) await store.putResults(results);
  }
}
