import type { CompiledQualityQuery } from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityQueryCost } from '@dataplatform/backstage-plugin-data-platform-node';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';

/** The one row each query returned, and what each cost. */
export type QualityQueryResults = {
  rows: Record<string, unknown>[];
  costs: QualityQueryCost[];
};

/**
 * Runs compiled quality queries one after the other in one transaction:
 * on PostgreSQL a read-only snapshot (REPEATABLE READ), so that the scan
 * and the duplicate keys see the same rows and nothing a custom check
 * calls can write; SQLite's transactions are serializable already. Each
 * query is timed; the local databases report no bytes, so none are set.
 * An aborted signal stops before the next query (one already running
 * finishes).
 */
export async function runQualityQueries(
  warehouse: LocalWarehouse,
  queries: CompiledQualityQuery[],
  signal?: AbortSignal,
): Promise<QualityQueryResults> {
  const { dialect } = warehouse;
  return warehouse.knex.transaction(async trx => {
    const results: QualityQueryResults = { rows: [], costs: [] };
    for (const query of queries) {
      signal?.throwIfAborted();
      const started = performance.now();
      const result = await trx.raw(query.sql, query.bindings as any[]);
      const durationMs = performance.now() - started;
      const [row] = dialect.rawRows(result);
      results.rows.push(row ?? {});
      results.costs.push({
        sql: query.sql,
        bindings: query.bindings,
        durationMs: Math.round(durationMs * 1000) / 1000,
      });
    }
    return results;
  }, dialect.snapshot);
}
