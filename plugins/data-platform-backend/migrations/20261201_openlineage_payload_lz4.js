// @ts-check

/**
 * OpenLineage events are ~1-5 KB of JSON, past PostgreSQL's TOAST threshold,
 * so each stored payload is compressed. The default, pglz, is a large part of
 * what an INSERT of a batch costs; lz4 compresses about as well at a fraction
 * of the CPU. New rows use it; rows already stored keep what they have.
 * PostgreSQL only, and only where the server was built with lz4 (14+); a
 * no-op elsewhere.
 *
 * @param {import('knex').Knex} knex
 */
async function lz4Available(knex) {
  if (knex.client.config.client !== 'pg') return false;
  const row = await knex('pg_settings')
    .where('name', 'default_toast_compression')
    .first('enumvals');
  return Boolean(row?.enumvals?.includes('lz4'));
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!(await lz4Available(knex))) return;
  await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? SET COMPRESSION lz4', [
    'openlineage_events',
    'payload',
  ]);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!(await lz4Available(knex))) return;
  await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? SET COMPRESSION DEFAULT', [
    'openlineage_events',
    'payload',
  ]);
};
