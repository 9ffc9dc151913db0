import {
  FailedQualityCheck,
  qualityCheckName,
  qualityCheckSeverity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionEnd } from '../../Quality/partitions';
import type {
  QualityCatalogStore,
  QualityEndpoint,
} from '../../Quality/store/QualityCatalogStore';
import {
  QualityResultStore,
  StoredResult,
  UNPARTITIONED,
} from '../../Quality/store/QualityResultStore';

/** One bad partition of one pipeline (or endpoint): what one alert is about. */
export type BadDataProblem = {
  /**
   * The pipeline that wrote the partition, or the endpoint itself when
   * health knows no pipeline that writes it.
   */
  subjectRef: string;
  /** Start of the bad partition; unset for a table that is not partitioned. */
  partitionStart?: number;
  /**
   * The time the bad data covers, for root causes: the partition's period,
   * or for an unpartitioned table from its earliest failing result on.
   */
  start: number;
  end: number;
  /** Its failing critical checks, by endpoint, check and source. */
  checks: FailedQualityCheck[];
};

/** What the latest quality results say is bad now. */
export type BadDataFindings = {
  problems: BadDataProblem[];
  /** The endpoints that are subjects themselves, with their title and owner. */
  endpoints: Map<string, { title: string; owner: string }>;
};

/** The checks that count for alerts: critical as declared now, or an emitter's. */
function isCriticalNow(result: StoredResult, endpoint: QualityEndpoint) {
  if (result.type === 'assertion') return true; // stored with the emitter's severity
  const declared = endpoint.checks.find(
    c => qualityCheckName(c) === result.name,
  );
  return !!declared && qualityCheckSeverity(declared) === 'critical';
}

/** The time a failing result covers: its partition, or since it failed. */
function coveredTime(result: StoredResult, endpoint: QualityEndpoint) {
  if (result.partitionStart === UNPARTITIONED) {
    return { start: result.evaluatedAt, end: Number.MAX_SAFE_INTEGER };
  }
  const start = result.partitionStart;
  const granularity = endpoint.partitioning?.granularity;
  return {
    start,
    end: granularity ? partitionEnd(granularity, start) : start + 1,
  };
}

const byCheck = (a: FailedQualityCheck, b: FailedQualityCheck) =>
  a.endpointRef.localeCompare(b.endpointRef) ||
  a.check.localeCompare(b.check) ||
  a.source.localeCompare(b.source);

/**
 * The bad partitions: those whose latest result of a critical check fails
 * (from any runner or emitter), on partitions starting at `since` or later
 * and on unpartitioned tables. Each belongs to every pipeline health knows
 * that writes the endpoint, else to the endpoint itself; the checks of one
 * pipeline's partition, over all the endpoints it writes, make one problem.
 * Results of checks no longer declared, or no longer critical, and of
 * endpoints that left the catalog, do not count.
 */
export async function findBadData(options: {
  results: QualityResultStore;
  catalog: QualityCatalogStore;
  /** Whether health knows (judges) a pipeline. */
  isPipeline: (ref: string) => boolean;
  since: number;
}): Promise<BadDataFindings> {
  const failing = await options.results.failingCritical(options.since);
  if (failing.length === 0) return { problems: [], endpoints: new Map() };
  const catalog = await options.catalog.endpoints([
    ...new Set(failing.map(r => r.endpointRef)),
  ]);

  const problems = new Map<string, BadDataProblem>();
  const endpoints = new Map<string, { title: string; owner: string }>();
  for (const result of failing) {
    const endpoint = catalog.get(result.endpointRef);
    if (!endpoint || !isCriticalNow(result, endpoint)) continue;
    const partitioned = result.partitionStart !== UNPARTITIONED;
    const { start, end } = coveredTime(result, endpoint);
    const writers = endpoint.writers.filter(options.isPipeline);
    if (writers.length === 0) {
      endpoints.set(endpoint.entityRef, {
        title: endpoint.title,
        owner: endpoint.owner,
      });
    }
    const check: FailedQualityCheck = {
      endpointRef: endpoint.entityRef,
      check: result.name,
      message: result.message,
      source: result.source,
    };
    for (const subjectRef of writers.length ? writers : [endpoint.entityRef]) {
      const key = `${subjectRef}|${partitioned ? start : 'table'}`;
      const found = problems.get(key);
      if (found) {
        found.start = Math.min(found.start, start);
        found.end = Math.max(found.end, end);
        found.checks.push(check);
        continue;
      }
      problems.set(key, {
        subjectRef,
        ...(partitioned ? { partitionStart: start } : {}),
        start,
        end,
        checks: [check],
      });
    }
  }
  for (const problem of problems.values()) problem.checks.sort(byCheck);
  return { problems: [...problems.values()], endpoints };
}
