import type { BigQuery } from '@google-cloud/bigquery';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { isNotFound } from '../calls/googleErrors';

/** A dataset as datasets.list shows it. */
export type ListedDataset = {
  dataset: string;
  location: string;
  labels: Record<string, string>;
};

/**
 * Every dataset of a project, with its location and labels, from
 * datasets.list (1,000 per page). A project that does not exist has none.
 */
export async function listDatasets(
  bigQuery: BigQuery,
  caller: GoogleApiCaller,
  signal?: AbortSignal,
): Promise<Map<string, ListedDataset>> {
  const datasets = new Map<string, ListedDataset>();
  const listPage = (token?: string) =>
    caller.call({ method: 'bigquery.datasets.list', signal }, () =>
      bigQuery.getDatasets({
        autoPaginate: false,
        maxResults: 1000,
        ...(token ? { pageToken: token } : {}),
      }),
    );
  let pageToken: string | undefined;
  do {
    let page: any;
    try {
      [, , page] = await listPage(pageToken);
    } catch (error) {
      if (isNotFound(error)) return datasets;
      throw error;
    }
    for (const item of page?.datasets ?? []) {
      const dataset = item.datasetReference.datasetId;
      datasets.set(dataset, {
        dataset,
        location: item.location,
        labels: item.labels ?? {},
      });
    }
    pageToken = page?.nextPageToken;
  } while (pageToken);
  return datasets;
}
