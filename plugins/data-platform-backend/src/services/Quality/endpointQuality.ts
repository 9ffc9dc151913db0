import {
  EndpointQuality,
  EndpointScore,
  qualityCheckName,
  qualityCheckSeverity,
  QualityResultView,
  volumeBand,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityEngine } from './QualityEngine';
import type { QualityEndpoint } from './store/QualityCatalogStore';
import {
  QualityResultStore,
  StoredResult,
  StoredRun,
  UNPARTITIONED,
} from './store/QualityResultStore';

const DAY_MS = 86_400_000;
/** Partitions the grid shows. */
export const GRID_PARTITIONS = 24;
/** Days of score trend. */
export const TREND_DAYS = 30;

const iso = (ms: number) => new Date(ms).toISOString();

/** What the Quality tab shows of one endpoint. */
export async function endpointQuality(
  endpoint: QualityEndpoint,
  deps: {
    results: QualityResultStore;
    engine: QualityEngine;
    canRun: boolean;
    volumeWeeks: number;
    now: number;
  },
): Promise<EndpointQuality> {
  const { results, now } = deps;
  const runner = deps.engine.runnerOf(endpoint);
  const filling = endpoint.partitioning
    ? deps.engine.partitionsOf(
        { ...endpoint, partitioning: endpoint.partitioning },
        now,
        1,
      ).filling
    : [];
  const stillFilling = new Set(filling);
  // A result stored for a partition still filling (before it was complete
  // it was not judged) is not shown: the partition is not judged yet.
  const stored = (
    await results.resultsOf(endpoint.entityRef, now - 30 * DAY_MS)
  ).filter(r => !stillFilling.has(r.partitionStart));
  const partitions = [
    ...new Set([...filling, ...stored.map(r => r.partitionStart)]),
  ]
    .sort((a, b) => b - a)
    .slice(0, GRID_PARTITIONS);
  const shown = new Set(partitions);
  const grid = stored.filter(r => shown.has(r.partitionStart));
  const runs = await results.runs([
    ...new Set(
      grid
        .filter(r => r.status === 'fail' || r.status === 'error')
        .map(r => r.runId)
        .filter((id): id is number => id !== undefined),
    ),
  ]);
  const history = await results.scoreHistory(
    endpoint.entityRef,
    iso(now - TREND_DAYS * DAY_MS).slice(0, 10),
  );
  const latest = history[history.length - 1];
  const view: EndpointQuality = {
    entityRef: endpoint.entityRef,
    checks: endpoint.checks.map(c => ({
      name: qualityCheckName(c),
      type: c.type,
      ...(c.column ? { column: c.column } : {}),
      severity: qualityCheckSeverity(c),
    })),
    trend: history.map(h => ({ day: h.day, score: h.score.score })),
    partitions: partitions.filter(p => p !== UNPARTITIONED).map(p => iso(p)),
    filling: filling.map(p => ({
      partition: iso(p),
      completeAt: iso(deps.engine.completeAt(endpoint, p)!),
    })),
    results: grid.map(r => resultView(r, runs)),
    queued: await results.queuedFor(endpoint.entityRef),
    canRun: deps.canRun,
  };
  if (runner) view.runner = { id: runner.id, title: runner.title };
  if (latest) {
    view.score = { ...(latest.score as EndpointScore), day: latest.day };
  }
  if (endpoint.partitioning) {
    const volumes = await results.volumes(
      endpoint.entityRef,
      now - (deps.volumeWeeks + 1) * 7 * DAY_MS,
    );
    const points = volumes.map(v => ({
      partition: iso(v.partitionStart),
      rows: v.rows,
    }));
    const marked = await results.marks(endpoint.entityRef);
    const anomaly = endpoint.checks.find(c => c.type === 'volume_anomaly');
    const options = {
      ...(anomaly?.weeks ? { weeks: anomaly.weeks } : {}),
      ...(anomaly?.sensitivity ? { sensitivity: anomaly.sensitivity } : {}),
      markedNormal: marked,
    };
    // Each partition's band from the partitions before it (points are
    // oldest first), as the check judged it.
    const banded = points.map((p, i) => ({
      ...p,
      band: volumeBand(points.slice(0, i), p.partition, options),
    }));
    const last = banded[banded.length - 1];
    view.volume = {
      history: banded,
      markedNormal: marked,
      ...(last ? { band: last.band } : {}),
    };
  }
  return view;
}

function resultView(
  r: StoredResult,
  runs: Map<number, StoredRun>,
): QualityResultView {
  const { endpointRef: _ref, partitionStart, evaluatedAt, runId, ...rest } = r;
  const view: QualityResultView = {
    ...rest,
    evaluatedAt: iso(evaluatedAt),
  };
  if (partitionStart !== UNPARTITIONED) view.partition = iso(partitionStart);
  const run = runId !== undefined ? runs.get(runId) : undefined;
  if (run) view.run = { id: run.id, queries: run.queries };
  return view;
}
