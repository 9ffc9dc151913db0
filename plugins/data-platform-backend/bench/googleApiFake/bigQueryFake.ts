/*
 * A fake of BigQuery's REST API v2, for the calls the GCP provisioner
 * makes: datasets list/insert/get/patch, tables insert/get/patch (with
 * etags and If-Match), table IAM policies, and jobs.query +
 * getQueryResults for its INFORMATION_SCHEMA reads, answered from the
 * datasets and tables it holds, paged at 10 MB as BigQuery pages results.
 */
import {
  FakeAnswer,
  FakeRequest,
  FakeRoute,
  FakeService,
  googleError,
  ok,
  Versions,
} from './fakeApi';
import {
  incompatibleSchema,
  invalidTable,
  storedFields,
} from './bigQueryTables';
import type { FakeTable } from './informationSchema';
import { QueryJobs } from './QueryJobs';
import type { QuotaRefusal, TimeSource } from './quotas';

type FakeDataset = {
  kind: 'bigquery#dataset';
  id: string;
  etag: string;
  datasetReference: { projectId: string; datasetId: string };
  location: string;
  labels: Record<string, string>;
  creationTime: string;
  lastModifiedTime: string;
};

type Policy = { version: number; etag: string; bindings?: unknown[] };

const notFound = (what: string) =>
  googleError(404, 'NOT_FOUND', `Not found: ${what}`, 'notFound');
const invalid = (message: string) =>
  googleError(400, 'INVALID_ARGUMENT', message, 'invalid');

/** Labels of a patch: a null value removes the label. */
function patchedLabels(
  live: Record<string, string> | undefined,
  patch: Record<string, string | null>,
): Record<string, string> {
  const labels = { ...live };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete labels[key];
    else labels[key] = value;
  }
  return labels;
}

export class BigQueryFake implements FakeService {
  readonly prefix = '/bigquery/v2';
  /** project -> dataset id -> dataset */
  private readonly datasets = new Map<string, Map<string, FakeDataset>>();
  /** `project.dataset` -> table id -> table */
  private readonly tables = new Map<string, Map<string, FakeTable>>();
  /** `project.dataset.table` -> policy */
  private readonly policies = new Map<string, Policy>();
  private readonly versions = new Versions();
  /** The provisioner's INFORMATION_SCHEMA queries, answered from the tables held. */
  readonly queries = new QueryJobs((project, region) =>
    this.tablesIn(project, region),
  );

  constructor(private readonly time: { current: TimeSource }) {}

  /** Whether the table exists (Pub/Sub's BigQuery subscriptions need it). */
  hasTable(project: string, dataset: string, table: string): boolean {
    return !!this.tables.get(`${project}.${dataset}`)?.has(table);
  }

  /** How many tables it holds. */
  tableCount(): number {
    let count = 0;
    for (const tables of this.tables.values()) count += tables.size;
    return count;
  }

  rateLimited(refusal: QuotaRefusal): FakeAnswer {
    // BigQuery answers its per-table and per-dataset update limits with 403.
    return refusal.kind === 'method'
      ? googleError(
          429,
          'RESOURCE_EXHAUSTED',
          refusal.message,
          'rateLimitExceeded',
        )
      : googleError(
          403,
          'PERMISSION_DENIED',
          refusal.message,
          'rateLimitExceeded',
        );
  }

  route(verb: string, s: string[]): FakeRoute | undefined {
    if (s[0] !== 'projects' || !s[1]) return undefined;
    const project = s[1];
    if (s[2] === 'queries') {
      if (s.length === 3 && verb === 'POST') {
        return {
          method: 'bigquery.jobs.query',
          answer: r => this.queries.query(project, r),
        };
      }
      if (s.length === 4 && verb === 'GET') {
        return {
          method: 'bigquery.jobs.getQueryResults',
          answer: r => this.queries.results(s[3], r),
        };
      }
      return undefined;
    }
    if (s[2] !== 'datasets') return undefined;
    if (s.length === 3) {
      if (verb === 'GET') {
        return {
          method: 'bigquery.datasets.list',
          answer: r => this.listDatasets(project, r),
        };
      }
      if (verb === 'POST') {
        return {
          method: 'bigquery.datasets.insert',
          answer: r => this.insertDataset(project, r),
          // The dataset's quota: its id is in the body; see admitBody.
        };
      }
      return undefined;
    }
    const datasetId = s[3];
    const dataset = `${project}.${datasetId}`;
    if (s.length === 4) {
      if (verb === 'GET') {
        return {
          method: 'bigquery.datasets.get',
          dataset,
          answer: () => this.getDataset(project, datasetId),
        };
      }
      if (verb === 'PATCH' || verb === 'PUT') {
        return {
          method:
            verb === 'PATCH'
              ? 'bigquery.datasets.patch'
              : 'bigquery.datasets.update',
          dataset,
          answer: r => this.patchDataset(project, datasetId, r),
        };
      }
      return undefined;
    }
    if (s[4] !== 'tables') return undefined;
    if (s.length === 5 && verb === 'POST') {
      return {
        method: 'bigquery.tables.insert',
        dataset,
        answer: r => this.insertTable(project, datasetId, r),
      };
    }
    if (s.length !== 6) return undefined;
    const [tableId, action] = s[5].split(':');
    const table = `${dataset}.${tableId}`;
    if (action === 'getIamPolicy' && verb === 'POST') {
      return {
        method: 'bigquery.tables.getIamPolicy',
        dataset,
        table,
        answer: () => this.getPolicy(project, datasetId, tableId),
      };
    }
    if (action === 'setIamPolicy' && verb === 'POST') {
      return {
        method: 'bigquery.tables.setIamPolicy',
        dataset,
        table,
        answer: r => this.setPolicy(project, datasetId, tableId, r),
      };
    }
    if (action) return undefined;
    if (verb === 'GET') {
      return {
        method: 'bigquery.tables.get',
        dataset,
        table,
        answer: () => this.getTable(project, datasetId, tableId),
      };
    }
    if (verb === 'PATCH' || verb === 'PUT') {
      return {
        method:
          verb === 'PATCH' ? 'bigquery.tables.patch' : 'bigquery.tables.update',
        dataset,
        table,
        answer: r => this.patchTable(project, datasetId, tableId, r),
      };
    }
    return undefined;
  }

  /** Quota keys only the body names: a new table's or dataset's id. */
  quotaKeysOfBody(route: FakeRoute, body: any): FakeRoute {
    if (route.method === 'bigquery.tables.insert' && body?.tableReference) {
      const { projectId, datasetId, tableId } = body.tableReference;
      return { ...route, table: `${projectId}.${datasetId}.${tableId}` };
    }
    if (route.method === 'bigquery.datasets.insert' && body?.datasetReference) {
      const { projectId, datasetId } = body.datasetReference;
      return { ...route, dataset: `${projectId}.${datasetId}` };
    }
    return route;
  }

  private stamp(): string {
    return String(this.time.current.now());
  }

  private listDatasets(project: string, request: FakeRequest): FakeAnswer {
    const all = [...(this.datasets.get(project)?.values() ?? [])].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const size = Math.min(Number(request.query.get('maxResults') ?? 50), 1000);
    const start = Number(request.query.get('pageToken') ?? 0);
    const page = all.slice(start, start + size);
    return ok({
      kind: 'bigquery#datasetList',
      etag: this.versions.etag(),
      ...(page.length
        ? {
            datasets: page.map(d => ({
              kind: 'bigquery#dataset',
              id: d.id,
              datasetReference: d.datasetReference,
              labels: d.labels,
              location: d.location,
            })),
          }
        : {}),
      ...(start + size < all.length
        ? { nextPageToken: String(start + size) }
        : {}),
    });
  }

  private insertDataset(project: string, request: FakeRequest): FakeAnswer {
    const datasetId = request.body?.datasetReference?.datasetId;
    if (!datasetId) return invalid('Required parameter is missing: datasetId');
    const datasets = this.datasets.get(project) ?? new Map();
    this.datasets.set(project, datasets);
    if (datasets.has(datasetId)) {
      return googleError(
        409,
        'ALREADY_EXISTS',
        `Already Exists: Dataset ${project}:${datasetId}`,
        'duplicate',
      );
    }
    const dataset: FakeDataset = {
      kind: 'bigquery#dataset',
      id: `${project}:${datasetId}`,
      etag: this.versions.etag(),
      datasetReference: { projectId: project, datasetId },
      location: request.body.location ?? 'US',
      labels: { ...request.body.labels },
      creationTime: this.stamp(),
      lastModifiedTime: this.stamp(),
    };
    datasets.set(datasetId, dataset);
    this.tables.set(`${project}.${datasetId}`, new Map());
    return ok(dataset);
  }

  private getDataset(project: string, datasetId: string): FakeAnswer {
    const dataset = this.datasets.get(project)?.get(datasetId);
    return dataset ? ok(dataset) : notFound(`Dataset ${project}:${datasetId}`);
  }

  private patchDataset(
    project: string,
    datasetId: string,
    request: FakeRequest,
  ): FakeAnswer {
    const dataset = this.datasets.get(project)?.get(datasetId);
    if (!dataset) return notFound(`Dataset ${project}:${datasetId}`);
    if (request.ifMatch && request.ifMatch !== dataset.etag) {
      return googleError(
        412,
        'FAILED_PRECONDITION',
        'Precondition check failed.',
        'conditionNotMet',
      );
    }
    if (request.body?.labels) {
      dataset.labels = patchedLabels(dataset.labels, request.body.labels);
    }
    dataset.etag = this.versions.etag();
    dataset.lastModifiedTime = this.stamp();
    return ok(dataset);
  }

  private insertTable(
    project: string,
    datasetId: string,
    request: FakeRequest,
  ): FakeAnswer {
    const tables = this.tables.get(`${project}.${datasetId}`);
    const dataset = this.datasets.get(project)?.get(datasetId);
    if (!tables || !dataset) return notFound(`Dataset ${project}:${datasetId}`);
    const body = request.body ?? {};
    const tableId = body.tableReference?.tableId;
    if (!tableId) return invalid('Required parameter is missing: tableId');
    if (tables.has(tableId)) {
      return googleError(
        409,
        'ALREADY_EXISTS',
        `Already Exists: Table ${project}:${datasetId}.${tableId}`,
        'duplicate',
      );
    }
    const table: FakeTable = {
      kind: 'bigquery#table',
      id: `${project}:${datasetId}.${tableId}`,
      etag: this.versions.etag(),
      tableReference: { projectId: project, datasetId, tableId },
      type: 'TABLE',
      location: dataset.location,
      ...(body.description ? { description: body.description } : {}),
      labels: { ...body.labels },
      schema: { fields: storedFields(body.schema?.fields) },
      ...(body.timePartitioning
        ? {
            timePartitioning: {
              type: body.timePartitioning.type,
              ...(body.timePartitioning.field
                ? { field: body.timePartitioning.field }
                : {}),
              ...(body.timePartitioning.expirationMs
                ? { expirationMs: String(body.timePartitioning.expirationMs) }
                : {}),
            },
          }
        : {}),
      ...(body.clustering?.fields?.length
        ? { clustering: { fields: [...body.clustering.fields] } }
        : {}),
      ...(body.requirePartitionFilter ? { requirePartitionFilter: true } : {}),
      creationTime: this.stamp(),
      lastModifiedTime: this.stamp(),
    };
    const problem = invalidTable(table);
    if (problem) return invalid(problem);
    tables.set(tableId, table);
    return ok(table);
  }

  private getTable(
    project: string,
    datasetId: string,
    tableId: string,
  ): FakeAnswer {
    const table = this.tables.get(`${project}.${datasetId}`)?.get(tableId);
    return table
      ? ok(table)
      : notFound(`Table ${project}:${datasetId}.${tableId}`);
  }

  private patchTable(
    project: string,
    datasetId: string,
    tableId: string,
    request: FakeRequest,
  ): FakeAnswer {
    const table = this.tables.get(`${project}.${datasetId}`)?.get(tableId);
    if (!table) return notFound(`Table ${project}:${datasetId}.${tableId}`);
    if (request.ifMatch && request.ifMatch !== table.etag) {
      return googleError(
        412,
        'FAILED_PRECONDITION',
        'Precondition check failed.',
        'conditionNotMet',
      );
    }
    const body = request.body ?? {};
    const next: FakeTable = { ...table };
    if (body.schema) {
      const fields = storedFields(body.schema.fields);
      const problem = incompatibleSchema(table.schema.fields, fields);
      if (problem) {
        return invalid(
          `Provided Schema does not match Table ${project}:${datasetId}.${tableId}. ${problem}.`,
        );
      }
      next.schema = { fields };
    }
    if ('description' in body) {
      if (body.description) next.description = body.description;
      else delete next.description;
    }
    if (body.labels) next.labels = patchedLabels(table.labels, body.labels);
    if ('timePartitioning' in body) {
      const live = table.timePartitioning;
      const asked = body.timePartitioning;
      if (
        !live ||
        !asked ||
        asked.type !== live.type ||
        (asked.field ?? undefined) !== live.field
      ) {
        return invalid(
          'Cannot change partitioning/clustering spec for a partitioned/clustered table.',
        );
      }
      next.timePartitioning = { ...live };
      if (asked.expirationMs)
        next.timePartitioning.expirationMs = String(asked.expirationMs);
      else delete next.timePartitioning.expirationMs;
    }
    if ('clustering' in body) {
      if (body.clustering?.fields?.length)
        next.clustering = { fields: [...body.clustering.fields] };
      else delete next.clustering;
    }
    if ('requirePartitionFilter' in body) {
      next.requirePartitionFilter = !!body.requirePartitionFilter;
    }
    const problem = invalidTable(next);
    if (problem) return invalid(problem);
    next.etag = this.versions.etag();
    next.lastModifiedTime = this.stamp();
    this.tables.get(`${project}.${datasetId}`)!.set(tableId, next);
    return ok(next);
  }

  private getPolicy(
    project: string,
    datasetId: string,
    tableId: string,
  ): FakeAnswer {
    if (!this.hasTable(project, datasetId, tableId)) {
      return notFound(`Table ${project}:${datasetId}.${tableId}`);
    }
    return ok(this.policyOf(`${project}.${datasetId}.${tableId}`));
  }

  private setPolicy(
    project: string,
    datasetId: string,
    tableId: string,
    request: FakeRequest,
  ): FakeAnswer {
    if (!this.hasTable(project, datasetId, tableId)) {
      return notFound(`Table ${project}:${datasetId}.${tableId}`);
    }
    const key = `${project}.${datasetId}.${tableId}`;
    const live = this.policyOf(key);
    const asked = request.body?.policy ?? {};
    if (asked.etag && asked.etag !== live.etag) {
      return googleError(
        409,
        'ABORTED',
        'There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.',
      );
    }
    const policy: Policy = {
      version: 1,
      etag: this.versions.etag(),
      ...(asked.bindings?.length ? { bindings: asked.bindings } : {}),
    };
    this.policies.set(key, policy);
    return ok(policy);
  }

  private policyOf(key: string): Policy {
    return this.policies.get(key) ?? { version: 1, etag: 'ACAB' };
  }

  /** The tables of a project's datasets in a region (`eu`, `us`). */
  private tablesIn(project: string, region: string): FakeTable[] {
    const tables: FakeTable[] = [];
    for (const dataset of this.datasets.get(project)?.values() ?? []) {
      if (dataset.location.toLowerCase() !== region) continue;
      const { datasetId } = dataset.datasetReference;
      for (const table of this.tables
        .get(`${project}.${datasetId}`)
        ?.values() ?? []) {
        tables.push(table);
      }
    }
    return tables;
  }
}
