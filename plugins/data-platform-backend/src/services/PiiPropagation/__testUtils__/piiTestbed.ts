import { mockServices } from '@backstage/backend-test-utils';
import type { PiiClassification } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { migrateClient } from '../../../database/migrations';
import { JobLease } from '../../JobLease/JobLease';
import { DatabaseLineageStore } from '../../LineageIndex/DatabaseLineageStore';
import { PiiCatalogStore } from '../PiiCatalogStore';
import { PiiPropagator } from '../PiiPropagator';
import { PiiResultStore } from '../PiiResultStore';

const NAMESPACE = 'bigquery';
export const dataset = (name: string) => ({
  type: 'dataset' as const,
  namespace: NAMESPACE,
  name: `acme.music.${name}`,
});
export const job = (name: string) => ({
  type: 'job' as const,
  namespace: 'airflow',
  name,
});
export const endpointRef = (name: string) => `dataendpoint:default/${name}`;

/** A column edge: from column, to column, and whether it masks. */
type ColumnFlow = [string, string, 'masked'?];

/**
 * The lineage index and the PII tables of a migrated database, filled the
 * way the catalog sync and the OpenLineage ingestion fill them.
 */
export async function piiTestbed(
  db: Knex,
  options: { maxQueued?: number } = {},
) {
  await migrateClient(db);
  const lineage = new DatabaseLineageStore(db);
  const catalog = new PiiCatalogStore(db);
  const results = new PiiResultStore(db);
  let clock = Date.UTC(2026, 11, 21, 9);
  const propagator = new PiiPropagator({
    db,
    catalog,
    results,
    lease: new JobLease(db, 'pii-propagation'),
    logger: mockServices.logger.mock(),
    now: () => clock,
    ...options,
  });
  let seenAt = clock;

  return {
    db,
    lineage,
    catalog,
    results,
    propagator,
    /** Moves the propagation's clock on. */
    advance(ms: number) {
      clock += ms;
    },
    /** A DataEndpoint whose schema has these columns (null: no PII mark). */
    async endpoint(
      name: string,
      columns: Record<string, PiiClassification | null>,
      owner = 'group:default/listening',
    ) {
      const entityRef = endpointRef(name);
      await lineage.upsertEntities([
        {
          entityRef,
          etag: `${name}-${Object.keys(columns).join(',')}`,
          kind: 'DataEndpoint',
          title: name,
          owner,
          openLineage: { namespace: NAMESPACE, name: `acme.music.${name}` },
          declaredEdges: [],
        },
      ]);
      await catalog.put([
        {
          entityRef,
          etag: JSON.stringify(columns),
          kind: 'dataendpoint',
          title: name,
          owner,
          columns: Object.entries(columns),
        },
      ]);
    },
    /** A job run that read `from` and wrote `to`, with column lineage. */
    async flow(name: string, from: string, to: string, columns: ColumnFlow[]) {
      seenAt += 1000;
      await lineage.recordObservation({
        seenAt,
        edges: [
          { from: dataset(from), to: job(name) },
          { from: job(name), to: dataset(to) },
        ],
        columnEdges: columns.map(([fromColumn, toColumn, masked]) => ({
          from: { ...dataset(from), column: fromColumn },
          to: { ...dataset(to), column: toColumn },
          via: job(name),
          transformations: [
            {
              type: 'DIRECT',
              subtype: masked ? 'TRANSFORMATION' : 'IDENTITY',
              masking: masked === 'masked',
            },
          ],
        })),
      });
    },
    /** Every computed column and finding, without times, in a stable order. */
    async snapshot() {
      const columns = await db('pii_columns')
        .join('lineage_nodes', 'lineage_nodes.id', 'pii_columns.node_id')
        .select(
          'lineage_nodes.entity_ref',
          'pii_columns.column',
          'certainty',
          'classification',
          'path',
        )
        .orderBy(['entity_ref', 'column', 'certainty']);
      const findings = await db('pii_findings')
        .select('endpoint_ref', 'column', 'kind', 'classification', 'path')
        .orderBy(['endpoint_ref', 'column']);
      return { columns, findings };
    },
  };
}
