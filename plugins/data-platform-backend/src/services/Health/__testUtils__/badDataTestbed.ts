import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  QualityCheck,
  QualityCheckStatus,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { qualityCheckName } from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogReadAccess } from '../../CatalogReadAccess';
import { QualityCatalogStore } from '../../Quality/store/QualityCatalogStore';
import {
  QualityResultStore,
  StoredResult,
} from '../../Quality/store/QualityResultStore';
import { AlertActions } from '../alerts/AlertActions';
import { AlertStore } from '../store/AlertStore';
import { PipelineStore } from '../store/PipelineStore';
import {
  createIngestor,
  HOUR,
  hourlyRun,
  pipeline,
  registerPipelines,
  t,
} from './healthTestbed';

export const REGISTERED = t('2026-11-26T06:00:00Z');
export const NOW = t('2026-11-26T12:30:00Z');
/** The start of an hour of 2026-11-26. */
export const hour = (h: number) =>
  t(`2026-11-26T${String(h).padStart(2, '0')}:00:00Z`);

export const PLAYBACK = 'group:default/playback';
export const INSIGHTS = 'group:default/insights';
export const FINANCE = 'group:default/finance';

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

export const fail = (...checks: QualityCheck[]) =>
  checks.map(check => ({ check, status: 'fail' as const }));
export const pass = (...checks: QualityCheck[]) =>
  checks.map(check => ({ check, status: 'pass' as const }));

/** Hourly runs landing on time for partitions [from, to). */
export function landed(job: string, from: number, to: number) {
  const events = [];
  for (let p = from; p < to; p += HOUR)
    events.push(...hourlyRun({ job, partition: p }));
  return events;
}

/**
 * raw-clean (playback) writes raw-clean-out, which sessions (insights) and
 * kpis (finance) read; sessions writes sessions-out. Every partition landed
 * on time; both endpoints declare {@link CHECKS}.
 */
export async function badDataPlatform(db: Knex) {
  await registerPipelines(
    db,
    [
      pipeline('raw-clean', { owner: PLAYBACK }),
      pipeline('sessions', { owner: INSIGHTS, reads: ['raw-clean'] }),
      pipeline('kpis', { owner: FINANCE, reads: ['raw-clean'] }),
    ],
    REGISTERED,
  );
  await createIngestor(db).ingest([
    ...landed('raw-clean', hour(2), hour(12)),
    ...landed('sessions', hour(2), hour(12)),
    ...landed('kpis', hour(2), hour(12)),
  ]);
  return {
    raw: await registerEndpoint(db, 'raw-clean-out', {
      checks: CHECKS,
      writers: ['pipeline:default/raw-clean'],
    }),
    sessions: await registerEndpoint(db, 'sessions-out', {
      checks: CHECKS,
      writers: ['pipeline:default/sessions'],
    }),
  };
}

/** A signed-in user and the teams they belong to. */
export const user = (ref: string, teams: string[]) => ({
  ref,
  credentials: mockCredentials.user(ref),
  teams,
});

/**
 * Alert actions as the routes run them, for these users; the permission
 * policy grants no one the on-call permission, so only owners may act.
 */
export function alertActionsFor(
  db: Knex,
  users: ReturnType<typeof user>[],
): AlertActions {
  const teams = new Map(users.map(u => [u.ref, u.teams]));
  return new AlertActions({
    alerts: new AlertStore(db),
    pipelines: new PipelineStore(db),
    endpoints: new QualityCatalogStore(db),
    permissions: mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
    }),
    reads: new CatalogReadAccess({
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock(),
    }),
    userInfo: mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(teams.get(ref) ?? [])],
        };
      },
    }),
  });
}
