import type { Table } from '@google-cloud/bigquery';
import {
  AccessModel,
  desiredBindings,
  DesiredResourceOf,
  exportBigQuerySchema,
  PiiPolicyTags,
  PlannedChange,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ApplyRequest } from '@dataplatform/backstage-plugin-data-platform-node';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { applyAccessChanges, grantOnCreate } from '../access/applyAccess';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { googleFailureKind, isAlreadyExists } from '../calls/googleErrors';
import { describeFailure, GoogleOperation } from '../calls/googleOperation';
import type { GoogleClients } from '../clients';
import { alreadySo, applied, failed } from '../results';
import { tablePolicy, tableUpdateKey } from './tableIam';
import { TableMetadata, tablePatch } from './tablePatch';

const DAY_MS = 86_400_000;

export type TableApplyOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  policyTags: PiiPolicyTags;
  access: AccessModel;
};

const tableName = (d: DesiredResourceOf<'bigquery-table'>) =>
  `${d.spec.project}.${d.spec.dataset}.${d.spec.table}`;

function operations(d: DesiredResourceOf<'bigquery-table'>) {
  const name = tableName(d);
  const onDataset = 'roles/bigquery.dataOwner on the dataset';
  return {
    create: {
      description: `create the table ${name}`,
      permission: 'bigquery.tables.create',
      role: 'roles/bigquery.dataEditor on the dataset',
    },
    update: {
      description: `update the table ${name}`,
      permission: 'bigquery.tables.update',
      role: 'roles/bigquery.dataEditor on the dataset (policy tags also need roles/datacatalog.categoryAdmin on the taxonomy)',
    },
    access: {
      description: `change who may access the table ${name}`,
      permission: 'bigquery.tables.setIamPolicy',
      role: onDataset,
    },
  } satisfies Record<string, GoogleOperation>;
}

/** The tables.insert body of a table as the catalog describes it. */
export function newTable(
  spec: DesiredResourceOf<'bigquery-table'>['spec'],
  policyTags: PiiPolicyTags,
) {
  const partitioning = spec.timePartitioning;
  return {
    ...(spec.description ? { description: spec.description } : {}),
    schema: { fields: exportBigQuerySchema(spec.fields, { policyTags }) },
    ...(partitioning
      ? {
          timePartitioning: {
            type: partitioning.granularity,
            ...(partitioning.field ? { field: partitioning.field } : {}),
            ...(spec.partitionExpirationDays
              ? {
                  expirationMs: String(
                    Math.round(spec.partitionExpirationDays * DAY_MS),
                  ),
                }
              : {}),
          },
          requirePartitionFilter: spec.requirePartitionFilter,
        }
      : {}),
    ...(spec.clustering.length
      ? { clustering: { fields: spec.clustering } }
      : {}),
    labels: spec.labels,
  };
}

/**
 * Creates a table (an existing one is success) and grants the catalog's
 * readers and writers; or makes all its planned changes in one tables.patch
 * against the live table read just before, sent with `If-Match: <etag>`
 * (changed meanwhile: read again and patched once more), and skipped when
 * nothing differs; then grants and revokes in one IAM policy update.
 */
export async function applyTable(
  request: ApplyRequest & { desired: DesiredResourceOf<'bigquery-table'> },
  options: TableApplyOptions,
): Promise<ChangeResult[]> {
  const { desired, plan, signal } = request;
  const { caller, clients } = options;
  const bigQuery = clients.bigQuery(desired.spec.project);
  const table = bigQuery
    .dataset(desired.spec.dataset)
    .table(desired.spec.table);
  const updateKey = tableUpdateKey(desired.spec);
  const op = operations(desired);
  const policy = tablePolicy(bigQuery, caller, desired.spec, signal);

  const create = plan.changes.find(c => c.action === 'create');
  if (create) {
    try {
      await caller.call(
        { method: 'bigquery.tables.insert', updates: [updateKey], signal },
        () =>
          bigQuery
            .dataset(desired.spec.dataset)
            .createTable(
              desired.spec.table,
              newTable(desired.spec, options.policyTags) as any,
            ),
      );
    } catch (error) {
      if (!isAlreadyExists(error)) {
        return [failed(create, describeFailure(op.create, error))];
      }
    }
    const grantFailure = await grantOnCreate(
      desiredBindings('bigquery-table', desired.spec.access, options.access),
      policy,
      op.access,
    );
    return [
      grantFailure
        ? failed(
            create,
            `The table exists, but access was not granted. ${grantFailure}`,
          )
        : applied(create),
    ];
  }

  const results: ChangeResult[] = [];
  const metadataChanges = plan.changes.filter(
    c => c.action !== 'grant' && c.action !== 'revoke',
  );
  if (metadataChanges.length) {
    results.push(
      ...(await patchTable(metadataChanges, {
        desired,
        table,
        updateKey,
        signal,
        op,
        options,
      })),
    );
  }
  results.push(...(await applyAccessChanges(plan.changes, policy, op.access)));
  return results;
}

async function patchTable(
  changes: PlannedChange[],
  context: {
    desired: DesiredResourceOf<'bigquery-table'>;
    table: Table;
    updateKey: string;
    signal?: AbortSignal;
    op: ReturnType<typeof operations>;
    options: TableApplyOptions;
  },
): Promise<ChangeResult[]> {
  const { desired, table, updateKey, signal, op, options } = context;
  for (let attempt = 1; ; attempt++) {
    let live: TableMetadata;
    try {
      [live] = await options.caller.call(
        { method: 'bigquery.tables.get', signal },
        () => table.getMetadata(),
      );
    } catch (error) {
      const message = describeFailure(op.update, error);
      return changes.map(c => failed(c, message));
    }
    const { body, outcomes } = tablePatch(
      live,
      desired.spec,
      changes,
      options.policyTags,
    );
    const report = (message?: string) =>
      changes.map(change => {
        const outcome = outcomes.get(change)!;
        if (outcome === 'already-so') return alreadySo(change);
        if (outcome !== 'changes') return failed(change, outcome);
        return message ? failed(change, message) : applied(change);
      });
    if (Object.keys(body).length === 0) return report();
    try {
      await options.caller.call(
        { method: 'bigquery.tables.patch', updates: [updateKey], signal },
        () => table.setMetadata({ ...body, etag: live.etag } as any),
      );
      return report();
    } catch (error) {
      if (googleFailureKind(error) === 'stale-etag' && attempt < 2) continue;
      return report(describeFailure(op.update, error));
    }
  }
}
