/*
 * The quotas the fake Google APIs enforce, as GCP-TESTING.md lists them from
 * Google's documentation: at most `limit` accepted requests in any window of
 * `windowMs`, per key. A request over any of its keys is answered with a
 * rate-limit error and not counted, as Google does.
 */

/** A time source: the system clock, or the virtual one the provisioner shares. */
export type TimeSource = { now(): number };

/** At most `limit` requests in any `windowMs` for one key. */
type Rule = { key: string; limit: number; windowMs: number };

/** API requests per second per user and method (one user here: the provisioner). */
const PER_METHOD = { limit: 100, windowMs: 1000 };
/** Methods with a lower limit of their own. */
const METHOD_LIMITS: Record<string, { limit: number; windowMs: number }> = {
  'bigquery.tables.insert': { limit: 10, windowMs: 1000 },
};
/** Table and dataset metadata updates: 5 per 10 s per table, and per dataset. */
const METADATA_UPDATES = { limit: 5, windowMs: 10_000 };

/** Calls that update a table's metadata (insert, patch, update, IAM policy). */
const TABLE_UPDATES = new Set([
  'bigquery.tables.insert',
  'bigquery.tables.patch',
  'bigquery.tables.update',
  'bigquery.tables.setIamPolicy',
]);
/** Calls that update a dataset's metadata. */
const DATASET_UPDATES = new Set([
  'bigquery.datasets.insert',
  'bigquery.datasets.patch',
  'bigquery.datasets.update',
]);

/** One request as the quotas see it: its method and, for BigQuery, what it updates. */
export type QuotaRequest = {
  method: string;
  /** `project.dataset`, for dataset and table calls. */
  dataset?: string;
  /** `project.dataset.table`, for table calls. */
  table?: string;
};

/** Which quota a refused request ran into. */
export type QuotaRefusal = {
  kind: 'method' | 'table-updates' | 'dataset-updates';
  message: string;
};

/** Sliding windows of accepted requests, per quota key. */
export class QuotaWindows {
  private readonly accepted = new Map<string, number[]>();

  constructor(private readonly time: TimeSource) {}

  /** Takes a slot in every window the request counts against, or says which is full. */
  admit(request: QuotaRequest): QuotaRefusal | undefined {
    const now = this.time.now();
    const rules: Array<Rule & { kind: QuotaRefusal['kind'] }> = [
      {
        kind: 'method',
        key: `method:${request.method}`,
        ...(METHOD_LIMITS[request.method] ?? PER_METHOD),
      },
    ];
    if (TABLE_UPDATES.has(request.method) && request.table) {
      rules.push({
        kind: 'table-updates',
        key: `table:${request.table}`,
        ...METADATA_UPDATES,
      });
    }
    if (DATASET_UPDATES.has(request.method) && request.dataset) {
      rules.push({
        kind: 'dataset-updates',
        key: `dataset:${request.dataset}`,
        ...METADATA_UPDATES,
      });
    }
    for (const rule of rules) {
      if (this.inWindow(rule, now).length >= rule.limit) {
        return { kind: rule.kind, message: refusalMessage(rule, request) };
      }
    }
    for (const rule of rules) this.inWindow(rule, now).push(now);
    return undefined;
  }

  private inWindow(rule: Rule, now: number): number[] {
    const times = this.accepted.get(rule.key) ?? [];
    let drop = 0;
    while (drop < times.length && times[drop] <= now - rule.windowMs) drop++;
    const kept = drop ? times.slice(drop) : times;
    this.accepted.set(rule.key, kept);
    return kept;
  }
}

function refusalMessage(
  rule: Rule & { kind: QuotaRefusal['kind'] },
  request: QuotaRequest,
): string {
  switch (rule.kind) {
    case 'table-updates':
      return `Exceeded rate limits: too many table update operations for this table. Table: ${request.table}`;
    case 'dataset-updates':
      return `Exceeded rate limits: too many dataset metadata update operations for this dataset. Dataset: ${request.dataset}`;
    default:
      return `Quota exceeded for quota metric 'API requests' and limit '${rule.limit} requests per ${rule.windowMs} ms per user' of method ${request.method}`;
  }
}
