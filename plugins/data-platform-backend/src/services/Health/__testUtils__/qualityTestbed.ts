import type {
  QualityCheck,
  QualityCheckStatus,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { qualityCheckName } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { QualityCatalogStore } from '../../Quality/store/QualityCatalogStore';
import {
  QualityResultStore,
  StoredResult,
} from '../../Quality/store/QualityResultStore';

/** An hourly BigQuery table `<name>` of the test platform, as quality syncs it. */
export async function registerEndpoint(
  db: Knex,
  name: string,
  options: {
    checks: QualityCheck[];
    writers: string[];
    owner?: string;
  },
): Promise<string> {
  const entityRef = `dataendpoint:default/${name}`;
  await new QualityCatalogStore(db).put([
    {
      kind: 'endpoint',
      entityRef,
      etag: 'e1',
      title: name,
      owner: options.owner ?? 'group:default/team-a',
      type: 'bigquery-table',
      address: { project: 'acme', dataset: 'health', table: name },
      partitioning: { granularity: 'HOUR' },
      checks: options.checks,
      fields: [],
      writers: options.writers,
      consumers: 0,
    },
  ]);
  return entityRef;
}

/** The declared checks the tests fail and pass: three critical, one warning. */
export const CHECKS: QualityCheck[] = [
  { type: 'null_rate', column: 'user_id', severity: 'critical' },
  { type: 'uniqueness', column: 'play_id', severity: 'critical' },
  { type: 'volume', minRows: 1000, severity: 'critical' },
  {
    type: 'accepted_values',
    column: 'country',
    values: ['SE', 'US'],
    severity: 'warning',
  },
];

/**
 * Stores the local warehouse's latest results of `checks` on a partition,
 * each with `status`.
 */
export async function checkResults(
  db: Knex,
  endpointRef: string,
  partitionStart: number,
  checks: { check: QualityCheck; status: QualityCheckStatus }[],
  evaluatedAt: number,
): Promise<void> {
  await new QualityResultStore(db).putResults(
    checks.map(
      ({ check, status }): StoredResult => ({
        endpointRef,
        partitionStart,
        source: 'local-warehouse',
        name: qualityCheckName(check),
        type: check.type,
        ...(check.column ? { column: check.column } : {}),
        severity: check.severity ?? 'warning',
        status,
        metric: check.type,
        message: `${qualityCheckName(check)} ${
          status === 'fail' ? 'failed' : 'passed'
        }`,
        evaluatedAt,
      }),
    ),
  );
}
