import { randomUUID } from 'node:crypto';
import type { SchemaChangeDecision } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';

const TABLE = 'schema_change_decisions';

type DecisionRow = {
  id: string;
  entity_ref: string;
  revision: number;
  decided_by: string;
  decided_at: number | string;
  reason: string;
  changes: string;
  consumers: string;
  notified: string;
};

function toDecision(row: DecisionRow): SchemaChangeDecision {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    revision: Number(row.revision),
    decidedBy: row.decided_by,
    decidedAt: new Date(Number(row.decided_at)).toISOString(),
    reason: row.reason,
    changes: JSON.parse(row.changes),
    consumers: JSON.parse(row.consumers),
    notified: JSON.parse(row.notified),
  };
}

/** Recorded decisions to ship schema changes that break consumers. */
export class SchemaChangeDecisionStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records a decision once per idempotency key: when the key has one
   * already (a retried task), that one is kept and returned, with
   * `created: false`.
   */
  async record(
    decision: Omit<SchemaChangeDecision, 'id'>,
    idempotencyKey: string,
  ): Promise<{ decision: SchemaChangeDecision; created: boolean }> {
    const id = randomUUID();
    await this.db(TABLE)
      .insert({
        id,
        entity_ref: decision.entityRef,
        revision: decision.revision,
        decided_by: decision.decidedBy,
        decided_at: Date.parse(decision.decidedAt),
        reason: decision.reason,
        changes: JSON.stringify(decision.changes),
        consumers: JSON.stringify(decision.consumers),
        notified: JSON.stringify(decision.notified),
        idempotency_key: idempotencyKey,
      })
      .onConflict('idempotency_key')
      .ignore();
    const row: DecisionRow = await this.db(TABLE)
      .where({ idempotency_key: idempotencyKey })
      .first();
    return { decision: toDecision(row), created: row.id === id };
  }

  /** Sets the owners a decision's notice reached. */
  async setNotified(id: string, notified: string[]): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({ notified: JSON.stringify(notified) });
  }

  /** An event type's decisions, newest first. */
  async list(entityRef: string, limit = 50): Promise<SchemaChangeDecision[]> {
    const rows: DecisionRow[] = await this.db(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy('decided_at', 'desc')
      .orderBy('id')
      .limit(limit);
    return rows.map(toDecision);
  }
}
