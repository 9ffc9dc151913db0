/** Pub/Sub resource names: `projects/{project}/topics/{topic}` and the like. */
export const topicName = (project: string, topic: string) =>
  `projects/${project}/topics/${topic}`;
export const subscriptionName = (project: string, subscription: string) =>
  `projects/${project}/subscriptions/${subscription}`;
export const schemaName = (project: string, schema: string) =>
  `projects/${project}/schemas/${schema}`;

/** The project and id of a resource name. */
export function parseName(name: string): { project: string; id: string } {
  const match = /^projects\/([^/]+)\/[a-zA-Z]+\/([^/]+)$/.exec(name);
  if (!match) throw new Error(`"${name}" is not a Pub/Sub resource name`);
  return { project: match[1], id: match[2] };
}

/** A name relative to `project` when it is in it (how the catalog's specs name topics), else in full. */
export function nameIn(project: string, name: string): string {
  const parsed = parseName(name);
  return parsed.project === project ? parsed.id : name;
}

/** A BigQuery subscription's table: `project.dataset.table` (or the older `project:dataset.table`). */
export function parseTableName(table: string | null | undefined) {
  const match = /^(.+)[.:]([^.:]+)\.([^.:]+)$/.exec(table ?? '');
  return match
    ? { project: match[1], dataset: match[2], table: match[3] }
    : { project: '', dataset: '', table: '' };
}

/** The `project.dataset.table` form a BigQuery subscription takes. */
export const bigQueryTableName = (t: {
  project: string;
  dataset: string;
  table: string;
}) => `${t.project}.${t.dataset}.${t.table}`;

/** Seconds of a protobuf Duration or Timestamp, as either transport returns them. */
export function secondsOf(
  value:
    | { seconds?: number | string | { toString(): string } | null }
    | null
    | undefined,
): number | undefined {
  if (value?.seconds === undefined || value.seconds === null) return undefined;
  return Number(String(value.seconds));
}

/** An enum as a name: gRPC answers names, REST with int enum encoding numbers. */
export function enumName(
  value: string | number | null | undefined,
  names: readonly string[],
): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'number' ? names[value] : value;
}
