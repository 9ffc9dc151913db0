/**
 * The INFORMATION_SCHEMA queries that observe tables in bulk. Both read the
 * region-qualified views of one project (`project.region-eu`), so one query
 * covers every dataset of the project in that region; each bills at least
 * 10 MB, however few rows it returns, and is never cached. They take the
 * tables in question as `@tables` (`dataset.table`; dataset names hold no
 * dot), so rows of tables nobody asked about are not returned.
 * Region-qualified views need `bigquery.tables.list` and
 * `bigquery.tables.get` on the project (e.g. roles/bigquery.metadataViewer).
 */

/** `project.region-xx`, quoted; project ids and locations are checked before they go into SQL. */
export function regionQualifier(project: string, location: string): string {
  if (!/^[a-z0-9][a-z0-9.:-]*$/.test(project)) {
    throw new Error(`"${project}" is not a Google Cloud project id`);
  }
  const region = location.toLowerCase();
  if (!/^[a-z0-9-]+$/.test(region)) {
    throw new Error(`"${location}" is not a BigQuery location`);
  }
  return `\`${project}\`.\`region-${region}\``;
}

const OPTIONS = [
  'description',
  'labels',
  'partition_expiration_days',
  'require_partition_filter',
];

/** A table's version: the fingerprint of its DDL and policy tags. */
const VERSION = `CAST(FARM_FINGERPRINT(CONCAT(t.ddl, '|', IFNULL(p.tags, ''))) AS STRING)
    AS version`;

/** Each table's policy tags by field path, as `p.tags`. */
function policyTagsJoin(qualifier: string): string {
  return `LEFT JOIN (
  SELECT
    table_schema,
    table_name,
    STRING_AGG(
      CONCAT(field_path, '=', ARRAY_TO_STRING(policy_tags, ',')),
      ';' ORDER BY field_path
    ) AS tags
  FROM ${qualifier}.INFORMATION_SCHEMA.COLUMN_FIELD_PATHS
  WHERE ARRAY_LENGTH(policy_tags) > 0
    AND CONCAT(table_schema, '.', table_name) IN UNNEST(@tables)
  GROUP BY table_schema, table_name
) AS p
  ON p.table_schema = t.table_schema AND p.table_name = t.table_name`;
}

/**
 * One row per table: its type, the DDL's PARTITION BY expression (only
 * that line is returned, not the whole DDL), the options the catalog
 * manages, as GoogleSQL literals, and its version (see versionsQuery).
 */
export function tablesQuery(qualifier: string): string {
  const pivot = OPTIONS.map(
    name =>
      `    MAX(IF(option_name = '${name}', option_value, NULL)) AS ${name}`,
  ).join(',\n');
  return `SELECT
  t.table_schema AS dataset_id,
  t.table_name AS table_id,
  t.table_type,
  REGEXP_EXTRACT(t.ddl, r'(?m)^PARTITION BY (.+)$') AS partition_by,
  ${OPTIONS.map(name => `o.${name}`).join(',\n  ')},
  ${VERSION}
FROM ${qualifier}.INFORMATION_SCHEMA.TABLES AS t
${policyTagsJoin(qualifier)}
LEFT JOIN (
  SELECT
    table_schema,
    table_name,
${pivot}
  FROM ${qualifier}.INFORMATION_SCHEMA.TABLE_OPTIONS
  WHERE CONCAT(table_schema, '.', table_name) IN UNNEST(@tables)
  GROUP BY table_schema, table_name
) AS o
  ON o.table_schema = t.table_schema AND o.table_name = t.table_name
WHERE CONCAT(t.table_schema, '.', t.table_name) IN UNNEST(@tables)`;
}

/**
 * One row per column and nested field (COLUMN_FIELD_PATHS: path, GoogleSQL
 * type, description, policy tags), with the top-level column's position,
 * nullability, partitioning and clustering position from COLUMNS.
 */
export function fieldsQuery(qualifier: string): string {
  return `SELECT
  f.table_schema AS dataset_id,
  f.table_name AS table_id,
  f.column_name,
  f.field_path,
  f.data_type,
  f.description,
  f.policy_tags,
  c.ordinal_position,
  c.is_nullable,
  c.is_partitioning_column,
  c.clustering_ordinal_position
FROM ${qualifier}.INFORMATION_SCHEMA.COLUMN_FIELD_PATHS AS f
LEFT JOIN ${qualifier}.INFORMATION_SCHEMA.COLUMNS AS c
  ON c.table_schema = f.table_schema
  AND c.table_name = f.table_name
  AND c.column_name = f.field_path
WHERE CONCAT(f.table_schema, '.', f.table_name) IN UNNEST(@tables)`;
}

/**
 * One row per table: a fingerprint of everything the two queries above
 * read of it. The DDL has the columns with their types, modes and
 * descriptions, the partitioning, the clustering and the options; policy
 * tags are not in it and are added per field path. One such query over
 * 70,000 tables answers a few megabytes, against tens for the columns.
 */
export function versionsQuery(qualifier: string): string {
  return `SELECT
  t.table_schema AS dataset_id,
  t.table_name AS table_id,
  ${VERSION}
FROM ${qualifier}.INFORMATION_SCHEMA.TABLES AS t
${policyTagsJoin(qualifier)}
WHERE CONCAT(t.table_schema, '.', t.table_name) IN UNNEST(@tables)`;
}

/** A row of {@link versionsQuery}. */
export type VersionRow = {
  dataset_id: string;
  table_id: string;
  version: string;
};

/** A row of {@link tablesQuery}. */
export type TableRow = {
  dataset_id: string;
  table_id: string;
  table_type: string;
  partition_by: string | null;
  description: string | null;
  labels: string | null;
  partition_expiration_days: string | null;
  version?: string;
  require_partition_filter: string | null;
};

/** A row of {@link fieldsQuery}. */
export type FieldRow = {
  dataset_id: string;
  table_id: string;
  column_name: string;
  field_path: string;
  data_type: string;
  description: string | null;
  policy_tags: string[] | null;
  ordinal_position: number | null;
  is_nullable: string | null;
  is_partitioning_column: string | null;
  clustering_ordinal_position: number | null;
};
