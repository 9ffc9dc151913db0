import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  importBigQuerySchema,
  SchemaField,
  TableAddress,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { BigQuery } from '@google-cloud/bigquery';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';

/**
 * The table's columns as BigQuery has them, from one tables.get (a
 * metadata call, billed nothing). A check run reads one table, so a bulk
 * INFORMATION_SCHEMA query would bill its 10 MB minimum for what this call
 * answers for free. Undefined when the schema holds a type the catalog's
 * model has none for (e.g. RANGE): the checks still run, schema_match
 * says the columns were not read.
 */
export async function readLiveSchema(
  bigQuery: BigQuery,
  caller: GoogleApiCaller,
  address: Required<TableAddress>,
  options: { signal?: AbortSignal; logger: LoggerService },
): Promise<SchemaField[] | undefined> {
  const [metadata] = await caller.call(
    { method: 'bigquery.tables.get', signal: options.signal },
    () => bigQuery.dataset(address.dataset).table(address.table).getMetadata(),
  );
  try {
    return importBigQuerySchema({ fields: metadata.schema?.fields ?? [] })
      .fields;
  } catch (error) {
    options.logger.warn(
      `The columns of ${address.project}.${address.dataset}.${
        address.table
      } could not be read for schema_match: ${(error as Error).message}`,
    );
    return undefined;
  }
}
