import type {
  ChangeResult,
  DesiredResourceOf,
  PlannedChange,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ApplyRequest } from '@dataplatform/backstage-plugin-data-platform-node';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { googleFailureKind, isAlreadyExists } from '../calls/googleErrors';
import { describeFailure } from '../calls/googleOperation';
import type { GoogleClients } from '../clients';
import { alreadySo, applied, failed } from '../results';
import { datasetUpdateKey } from './tableIam';

export type DatasetApplyOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  /** Where new datasets are created, e.g. `EU`. */
  location: string;
};

type DatasetRequest = ApplyRequest & {
  desired: DesiredResourceOf<'bigquery-dataset'>;
};

/**
 * Creates a dataset in the configured location (an existing one is
 * success), or sets its managed labels with one datasets.patch sent with
 * the etag read just before, keeping labels others set.
 */
export async function applyDataset(
  request: DatasetRequest,
  options: DatasetApplyOptions,
): Promise<ChangeResult[]> {
  const results: ChangeResult[] = [];
  for (const change of request.plan.changes) {
    if (change.action === 'create') {
      results.push(await createDataset(change, request, options));
    } else if (change.action === 'set-labels') {
      results.push(await setDatasetLabels(change, request, options));
    } else {
      results.push(
        failed(change, `${change.action} is not a change of a dataset`),
      );
    }
  }
  return results;
}

async function createDataset(
  change: PlannedChange,
  { desired, signal }: DatasetRequest,
  options: DatasetApplyOptions,
): Promise<ChangeResult> {
  const { project, dataset, labels } = desired.spec;
  try {
    await options.caller.call(
      {
        method: 'bigquery.datasets.insert',
        updates: [datasetUpdateKey(project, dataset)],
        signal,
      },
      () =>
        options.clients
          .bigQuery(project)
          .createDataset(dataset, { location: options.location, labels }),
    );
    return applied(change);
  } catch (error) {
    if (isAlreadyExists(error)) return applied(change);
    return failed(
      change,
      describeFailure(
        {
          description: `create the dataset ${project}.${dataset}`,
          permission: 'bigquery.datasets.create',
          role: 'roles/bigquery.dataEditor on the project',
        },
        error,
      ),
    );
  }
}

async function setDatasetLabels(
  change: PlannedChange,
  { desired, signal }: DatasetRequest,
  options: DatasetApplyOptions,
): Promise<ChangeResult> {
  const { project, dataset: datasetId, labels } = desired.spec;
  const dataset = options.clients.bigQuery(project).dataset(datasetId);
  for (let attempt = 1; ; attempt++) {
    try {
      const [live] = await options.caller.call(
        { method: 'bigquery.datasets.get', signal },
        () => dataset.getMetadata(),
      );
      if (Object.entries(labels).every(([k, v]) => live.labels?.[k] === v)) {
        return alreadySo(change);
      }
      await options.caller.call(
        {
          method: 'bigquery.datasets.patch',
          updates: [datasetUpdateKey(project, datasetId)],
          signal,
        },
        () =>
          dataset.setMetadata({
            labels: { ...live.labels, ...labels },
            etag: live.etag,
          }),
      );
      return applied(change);
    } catch (error) {
      if (googleFailureKind(error) === 'stale-etag' && attempt < 2) continue;
      return failed(
        change,
        describeFailure(
          {
            description: `set the labels of the dataset ${project}.${datasetId}`,
            permission: 'bigquery.datasets.update',
            role: 'roles/bigquery.dataOwner on the dataset',
          },
          error,
        ),
      );
    }
  }
}
