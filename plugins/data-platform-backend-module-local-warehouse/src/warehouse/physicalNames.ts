import { createHash } from 'node:crypto';

/** A BigQuery table's address, as the catalog's endpoints give it. */
export type TableRef = { project: string; dataset: string; table: string };

/** PostgreSQL's longest identifier, in bytes (SQLite has no limit). */
export const MAX_IDENTIFIER_BYTES = 63;

const HASH_HEX_DIGITS = 12;
const SLUG_LENGTH = MAX_IDENTIFIER_BYTES - HASH_HEX_DIGITS - 1;

function hashOf(...parts: string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(parts))
    .digest('hex')
    .slice(0, HASH_HEX_DIGITS);
}

/**
 * The name of a BigQuery table's stand-in in the local warehouse: a
 * readable slug, `<project>__<dataset>__<table>` in lowercase with every
 * character other than `a-z`, `0-9` and `_` replaced by `_`, cut to 50
 * characters; then `_` and the first 12 hex digits of the SHA-256 of the
 * JSON array `[project, dataset, table]` as written (BigQuery names are
 * case-sensitive). At most 63 characters, PostgreSQL's limit, and unique
 * per table however long or alike the names: `tunewave-raw.events.Plays`
 * and `tunewave_raw.events.plays` share a slug, not a hash. The warehouse's
 * metadata keeps the address of each name (its key), so even a 48-bit hash
 * collision would refuse the second table instead of sharing the first.
 */
export function physicalTableName(ref: TableRef): string {
  const slug = `${ref.project}__${ref.dataset}__${ref.table}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, SLUG_LENGTH);
  return `${slug}_${hashOf(ref.project, ref.dataset, ref.table)}`;
}

/**
 * The name of the index on one column of a warehouse table: `ix_`, the
 * table name's hash, `p` (partition) or `c` (clustering), and a hash of the
 * column name. Index names share one namespace per PostgreSQL schema, so
 * they are unique across tables, and short.
 */
export function columnIndexName(
  physicalName: string,
  purpose: 'partition' | 'clustering',
  column: string,
): string {
  const tableHash = physicalName.slice(-HASH_HEX_DIGITS);
  return `ix_${tableHash}_${purpose === 'partition' ? 'p' : 'c'}_${hashOf(
    column,
  ).slice(0, 8)}`;
}

/** Why a column name cannot be a warehouse column, if it cannot. */
export function columnNameProblem(name: string): string | undefined {
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    return `the column name ${name} is longer than ${MAX_IDENTIFIER_BYTES} bytes, which PostgreSQL cannot hold: shorten it in the schema`;
  }
  return undefined;
}
