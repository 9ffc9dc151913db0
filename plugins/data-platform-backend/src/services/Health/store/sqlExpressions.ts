import { Knex } from 'knex';

/**
 * SQL fragments for upserts that merge a stored row with an incoming one
 * (`excluded`), written once so that they read the same on PostgreSQL and
 * SQLite: both know `excluded.` in ON CONFLICT ... DO UPDATE, but LEAST and
 * GREATEST (PostgreSQL) and min/max (SQLite) treat NULLs differently.
 */
export function smallerOf(db: Knex, table: string, column: string): Knex.Raw {
  return nonNullExtreme(db, '<', table, column);
}

/** See {@link smallerOf}. */
export function largerOf(db: Knex, table: string, column: string): Knex.Raw {
  return nonNullExtreme(db, '>', table, column);
}

/** The incoming value when the stored one is NULL or it compares `op` to it. */
function nonNullExtreme(
  db: Knex,
  op: '<' | '>',
  table: string,
  column: string,
): Knex.Raw {
  return db.raw(
    `CASE WHEN ??.?? IS NULL THEN excluded.?? WHEN excluded.?? IS NULL THEN ??.?? WHEN excluded.?? ${op} ??.?? THEN excluded.?? ELSE ??.?? END`,
    [
      table,
      column,
      column,
      column,
      table,
      column,
      column,
      table,
      column,
      column,
      table,
      column,
    ],
  );
}

/** The stored value unless it is NULL. */
export function keepFirst(db: Knex, table: string, column: string): Knex.Raw {
  return db.raw(`COALESCE(??.??, excluded.??)`, [table, column, column]);
}

/** `excluded.column` when `condition` holds, else the stored value. */
export function incomingWhen(
  db: Knex,
  table: string,
  column: string,
  condition: string,
): Knex.Raw {
  return db.raw(`CASE WHEN ${condition} THEN excluded.?? ELSE ??.?? END`, [
    column,
    table,
    column,
  ]);
}
