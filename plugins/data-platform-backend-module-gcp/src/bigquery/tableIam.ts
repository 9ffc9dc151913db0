import type { BigQuery } from '@google-cloud/bigquery';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import type { PolicyAccess } from '../access/iamPolicy';

/** A table's address. */
export type TableName = { project: string; dataset: string; table: string };

export const tableUpdateKey = (t: TableName) =>
  `table:${t.project}.${t.dataset}.${t.table}`;
export const datasetUpdateKey = (project: string, dataset: string) =>
  `dataset:${project}.${dataset}`;

/**
 * A table's IAM policy through tables.getIamPolicy / setIamPolicy. Setting
 * it counts as one of the table's metadata updates.
 */
export function tablePolicy(
  bigQuery: BigQuery,
  caller: GoogleApiCaller,
  name: TableName,
  signal?: AbortSignal,
): PolicyAccess {
  const table = bigQuery.dataset(name.dataset).table(name.table);
  return {
    read: async () => {
      const [policy] = await caller.call(
        { method: 'bigquery.tables.getIamPolicy', signal },
        () => table.getIamPolicy(),
      );
      return policy as any;
    },
    write: policy =>
      caller.call(
        {
          method: 'bigquery.tables.setIamPolicy',
          updates: [tableUpdateKey(name)],
          signal,
        },
        () => table.setIamPolicy(policy as any),
      ),
  };
}
