import {
  isProblemState,
  isVisibleStep,
  PipelineCurrentState,
  RootCause,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { parseBadDataDetails } from '../badData/badDataDetails';
import { AlertStore } from '../store/AlertStore';

const TABLE = 'health_pipelines';

/** The `health_pipelines` columns a current state is read from. */
export const CURRENT_STATE_COLUMNS = [
  'entity_ref',
  'status_state',
  'status_partition',
  'status_last_partition',
  'status_deadline',
  'status_since',
  'status_failure_reason',
  'status_root_cause',
  'status_alert_id',
];

const iso = (ms: unknown) =>
  ms === null || ms === undefined
    ? undefined
    : new Date(Number(ms)).toISOString();

/** The pipeline the chain ends at: the root cause. */
export function rootCauseRefOf(rootCause?: RootCause): string | undefined {
  const last = rootCause?.chain[rootCause.chain.length - 1];
  return last && isVisibleStep(last) ? last.pipelineRef : undefined;
}

/**
 * A pipeline's current state: the one reading of the status the last sweep
 * left (see judgePipelines), shared by the on-call list, the pipeline-states
 * answer (Overview, catalog list, lineage), the Health tab, and the same
 * sweep's notifications. Adds what changes without a sweep: how late it is
 * now, its live alert, and who owns the root cause today.
 */
export class CurrentState {
  private readonly alerts: AlertStore;

  constructor(private readonly db: Knex) {
    this.alerts = new AlertStore(db);
  }

  /** The current state of these pipelines (unknown ones left out). */
  async of(
    pipelineRefs: string[],
    now: number,
  ): Promise<Map<string, PipelineCurrentState>> {
    if (pipelineRefs.length === 0) return new Map();
    const rows = await this.db(TABLE)
      .select(CURRENT_STATE_COLUMNS)
      .whereIn('entity_ref', pipelineRefs);
    return this.fromRows(rows, now);
  }

  /** The current state of each row read with CURRENT_STATE_COLUMNS. */
  async fromRows(
    rows: Record<string, any>[],
    now: number,
  ): Promise<Map<string, PipelineCurrentState>> {
    const rootCauses = new Map<string, RootCause>(
      rows
        .filter(r => r.status_root_cause)
        .map(r => [r.entity_ref, JSON.parse(r.status_root_cause)]),
    );
    const rootRefs = [...rootCauses.values()].flatMap(
      c => rootCauseRefOf(c) ?? [],
    );
    const [alerts, owners] = await Promise.all([
      this.alerts.getMany(rows.map(r => r.status_alert_id).filter(Boolean)),
      rootRefs.length === 0
        ? []
        : this.db(TABLE)
            .select('entity_ref', 'owner')
            .whereIn('entity_ref', [...new Set(rootRefs)]),
    ]);
    const alertById = new Map(alerts.map(a => [a.id, a]));
    const ownerOf = new Map<string, string>(
      owners
        .filter((o: Record<string, any>) => o.owner)
        .map((o: Record<string, any>) => [o.entity_ref, o.owner]),
    );

    const states = new Map<string, PipelineCurrentState>();
    for (const row of rows) {
      const state = row.status_state as PipelineCurrentState['state'];
      const deadline =
        row.status_deadline === null ? undefined : Number(row.status_deadline);
      const alert = row.status_alert_id
        ? alertById.get(row.status_alert_id)
        : undefined;
      const rootCause = rootCauses.get(row.entity_ref);
      const rootOwner = ownerOf.get(rootCauseRefOf(rootCause) ?? '');
      states.set(row.entity_ref, {
        state,
        ...(row.status_partition !== null
          ? { partition: iso(row.status_partition) }
          : {}),
        ...(row.status_last_partition !== null &&
        row.status_last_partition !== undefined
          ? { lastPartition: iso(row.status_last_partition) }
          : {}),
        ...(deadline !== undefined && now > deadline && isProblemState(state)
          ? { lateByMs: now - deadline }
          : {}),
        ...(row.status_since !== null ? { since: iso(row.status_since) } : {}),
        ...(row.status_failure_reason
          ? { failureReason: row.status_failure_reason }
          : {}),
        ...(rootCause ? { rootCause } : {}),
        ...(rootOwner ? { rootCauseOwner: rootOwner } : {}),
        ...(alert && alert.state !== 'resolved'
          ? {
              alert: {
                id: alert.id,
                state: alert.state,
                severity: alert.severity,
                ...(alert.snoozedUntil !== undefined
                  ? { snoozedUntil: iso(alert.snoozedUntil)! }
                  : {}),
                ...(alert.details
                  ? { failedChecks: parseBadDataDetails(alert.details).checks }
                  : {}),
              },
            }
          : {}),
      });
    }
    return states;
  }
}
