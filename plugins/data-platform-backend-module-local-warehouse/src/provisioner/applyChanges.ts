import type {
  ChangeResult,
  PlannedChange,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  ApplyRequest,
  ApplyResult,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { Knex } from 'knex';
import { WarehouseRefusal } from '../warehouse/WarehouseRefusal';

/** What one change did: the resource's state after it, and a note for the owner. */
export type ChangeStep<S> = {
  state: S;
  /** Set when the change is not made here (and why). */
  skipped?: string;
  message?: string;
};

/**
 * What an owner reads of a failure: a refusal as it is; a database error
 * without the SQL statement knex puts before the driver's message (it is
 * logged whole).
 */
function failureMessage(error: unknown, request: ApplyRequest): string {
  if (error instanceof WarehouseRefusal) return error.message;
  const text = String((error as Error)?.message ?? error);
  request.logger.warn(
    `The local warehouse failed to apply a change of ${request.desired.id}: ${text}`,
  );
  const reason = text.includes(' - ')
    ? text.slice(text.lastIndexOf(' - ') + 3)
    : text;
  return `the local warehouse's database refused the change: ${reason}`;
}

/**
 * Applies a plan's changes in one transaction, each in a savepoint of its
 * own: a change that fails is rolled back alone and reported as failed
 * with its reason, and the others still apply. Both PostgreSQL and SQLite
 * run DDL in transactions, so a table never keeps half a change. When the
 * transaction itself cannot commit, every change is reported as failed:
 * none was applied.
 */
export async function applyChanges<S>(
  knex: Knex,
  request: ApplyRequest,
  load: (db: Knex.Transaction) => Promise<S>,
  applyChange: (
    db: Knex.Transaction,
    state: S,
    change: PlannedChange,
  ) => Promise<ChangeStep<S>>,
): Promise<ApplyResult> {
  const results: ChangeResult[] = [];
  try {
    await knex.transaction(async trx => {
      let state: S = await load(trx);
      for (const change of request.plan.changes) {
        if (request.signal?.aborted) {
          results.push({
            change,
            status: 'skipped',
            message: 'the apply was cancelled before this change',
          });
          continue;
        }
        try {
          const before = state;
          const step: ChangeStep<S> = await trx.transaction(savepoint =>
            applyChange(savepoint, before, change),
          );
          state = step.state;
          if (step.skipped) {
            results.push({ change, status: 'skipped', message: step.skipped });
          } else {
            results.push({
              change,
              status: 'applied',
              ...(step.message ? { message: step.message } : {}),
            });
          }
        } catch (error) {
          results.push({
            change,
            status: 'failed',
            message: failureMessage(error, request),
          });
        }
      }
    });
  } catch (error) {
    const reason = failureMessage(error, request);
    return {
      results: request.plan.changes.map(change => ({
        change,
        status: 'failed',
        message: `nothing was applied: ${reason}`,
      })),
    };
  }
  return { results };
}
