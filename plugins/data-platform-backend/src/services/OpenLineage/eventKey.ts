import { createHash } from 'node:crypto';
import type { OpenLineageEventKind } from '@dataplatform/backstage-plugin-data-platform-node';

/**
 * The stable key of an OpenLineage event: SHA-256 (hex) of what identifies
 * it, whatever its facets or the order of its fields: kind, eventTime (as
 * sent), eventType, runId, job, dataset and producer. A retried or replayed
 * event has the same key; two events that agree on all of these are one
 * event (a RUNNING or OTHER event carrying new facets has a new eventTime).
 */
export function openLineageEventKey(
  kind: OpenLineageEventKind,
  event: Record<string, any>,
): string {
  const identity = [
    kind,
    event.eventTime,
    event.eventType ?? null,
    event.run?.runId ?? null,
    event.job?.namespace ?? null,
    event.job?.name ?? null,
    event.dataset?.namespace ?? null,
    event.dataset?.name ?? null,
    event.producer,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}
