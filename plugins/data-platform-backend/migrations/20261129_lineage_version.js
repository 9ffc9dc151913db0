// @ts-check

/**
 * A counter bumped by every write that changes the lineage graph's shape
 * (nodes or edges added or removed, an edge first observed), so each backend
 * instance knows when its in-memory copy of the index is out of date.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_version', table => {
    table.integer('id').primary();
    table.bigInteger('version').notNullable();
  });
  await knex('lineage_version').insert({ id: 1, version: 1 });
  // Instances fetch the edges observed since their snapshot's newest time.
  await knex.schema.alterTable('lineage_edges', table => {
    table.index(['last_seen_at'], 'lineage_edges_last_seen_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lineage_edges', table => {
    table.dropIndex(['last_seen_at'], 'lineage_edges_last_seen_idx');
  });
  await knex.schema.dropTable('lineage_version');
};
