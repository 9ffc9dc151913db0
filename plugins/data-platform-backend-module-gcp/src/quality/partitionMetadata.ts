import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  PartitionMetadataRow,
  QualityTable,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { BigQuery } from '@google-cloud/bigquery';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { googleFailureKind, messageOf } from '../calls/googleErrors';
import { forEachConcurrently, inBatches } from '../calls/inBatches';
import { jobLabels } from './jobLabels';
import { hourPartitionId, partitionStartOf } from './partitionIds';

/** BigQuery's limit: a PARTITIONS query covers at most 1,000 tables. */
export const TABLES_PER_PARTITIONS_QUERY = 1000;
/** PARTITIONS queries in flight at once. */
const QUERIES_AT_ONCE = 4;

const PROJECT_ID = /^[a-z0-9][a-z0-9.:-]*$/;
const DATASET_ID = /^[A-Za-z0-9_]+$/;

/**
 * Rows and last write of one dataset's partitions of the tables in
 * `@tables` whose start is not before `@since`'s hour (`YYYYMMDDHH`; a
 * daily id is compared with its first 8 characters, and so on, so the
 * partition holding `since` is returned too). Rows of no time partition
 * are left out. The view must be qualified by its dataset.
 */
export function partitionsQuery(project: string, dataset: string): string {
  return `SELECT table_name, partition_id, total_rows, last_modified_time
FROM \`${project}.${dataset}.INFORMATION_SCHEMA.PARTITIONS\`
WHERE table_name IN UNNEST(@tables)
  AND partition_id NOT IN ('__NULL__', '__UNPARTITIONED__')
  AND partition_id >= SUBSTR(@since, 1, LENGTH(partition_id))`;
}

type PartitionsRow = {
  table_name: string;
  partition_id: string;
  total_rows: number | null;
  last_modified_time: { value: string } | string | null;
};

const isoOf = (time: PartitionsRow['last_modified_time']) => {
  const text = typeof time === 'object' && time ? time.value : time;
  return text ? new Date(text).toISOString() : undefined;
};

/** The tables of one dataset asked about, by table name (endpoints may share one). */
type DatasetTables = {
  project: string;
  dataset: string;
  tables: Map<string, QualityTable[]>;
};

export type PartitionMetadataOptions = {
  bigQuery: (project: string) => BigQuery;
  caller: GoogleApiCaller;
  /** `maximumBytesBilled` of each query. */
  cap: number;
  since: string;
  signal?: AbortSignal;
  logger: LoggerService;
};

/**
 * Partition metadata of many tables from INFORMATION_SCHEMA.PARTITIONS,
 * without scanning any: one query per dataset and 1,000 tables, run in
 * the tables' project (each bills at least 10 MB). Tables with time
 * partitioning get an entry, empty when nothing landed since `since` or
 * when their dataset does not exist; a partition id of another
 * granularity than the catalog declares is left out with a warning.
 */
export async function readPartitionMetadata(
  tables: QualityTable[],
  options: PartitionMetadataOptions,
): Promise<Map<string, PartitionMetadataRow[]>> {
  const result = new Map<string, PartitionMetadataRow[]>();
  const datasets = new Map<string, DatasetTables>();
  for (const table of tables) {
    if (!table.partitioning) continue;
    const { project, dataset, table: name } = table.address;
    if (!PROJECT_ID.test(project) || !DATASET_ID.test(dataset)) {
      options.logger.warn(
        `${project}.${dataset}.${name} of ${table.endpointRef} is no BigQuery table name: no partition metadata`,
      );
      continue;
    }
    result.set(table.endpointRef, []);
    const key = `${project}.${dataset}`;
    const group = datasets.get(key) ?? { project, dataset, tables: new Map() };
    group.tables.set(name, [...(group.tables.get(name) ?? []), table]);
    datasets.set(key, group);
  }
  const batches = [...datasets.values()].flatMap(group =>
    inBatches([...group.tables.keys()], TABLES_PER_PARTITIONS_QUERY).map(
      names => ({ ...group, names }),
    ),
  );
  const since = Date.parse(options.since);
  const mismatched = new Set<string>();
  await forEachConcurrently(batches, QUERIES_AT_ONCE, async batch => {
    const { project, dataset } = batch;
    const rows = await queryPartitions(project, dataset, batch.names, options);
    for (const row of rows) {
      // __NULL__ and __UNPARTITIONED__ hold rows of no time partition.
      if (row.partition_id.startsWith('__')) continue;
      for (const table of batch.tables.get(row.table_name) ?? []) {
        const start = partitionStartOf(
          row.partition_id,
          table.partitioning!.granularity,
        );
        if (!start) {
          mismatched.add(`${project}.${dataset}.${row.table_name}`);
          continue;
        }
        if (Date.parse(start) < since) continue;
        const lastModified = isoOf(row.last_modified_time);
        result.get(table.endpointRef)!.push({
          partition: start,
          rows: Number(row.total_rows ?? 0),
          ...(lastModified ? { lastModified } : {}),
        });
      }
    }
  });
  for (const table of mismatched) {
    options.logger.warn(
      `${table} has partitions of another granularity than its catalog entry declares; they were left out`,
    );
  }
  return result;
}

async function queryPartitions(
  project: string,
  dataset: string,
  tables: string[],
  options: PartitionMetadataOptions,
): Promise<PartitionsRow[]> {
  try {
    const [rows] = await options.caller.call(
      { method: 'bigquery.jobs.query', signal: options.signal },
      () =>
        options.bigQuery(project).query({
          query: partitionsQuery(project, dataset),
          params: { tables, since: hourPartitionId(options.since) },
          maximumBytesBilled: String(options.cap),
          labels: jobLabels({}, { 'dp-check-run': 'partition-metadata' }),
        }),
    );
    return rows as PartitionsRow[];
  } catch (error) {
    const kind = googleFailureKind(error);
    if (kind === 'not-found') {
      options.logger.debug(
        `No partition metadata of ${project}.${dataset}: ${messageOf(error)}`,
      );
      return [];
    }
    const advice =
      kind === 'permission-denied'
        ? `. The backend's account needs bigquery.jobs.create in the project ${project} (roles/bigquery.jobUser) and bigquery.tables.list and bigquery.tables.get on the dataset (roles/bigquery.metadataViewer)`
        : '';
    throw new Error(
      `The partition metadata of ${project}.${dataset} could not be read: ${messageOf(
        error,
      )}${advice}`,
      { cause: error },
    );
  }
}
