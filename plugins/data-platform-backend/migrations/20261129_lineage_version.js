// @ts-check

/**
 * A counter bumped by every write that changes the lineage graph's shape
 * (nodes or edges added or removed), so each backend instance knows when its
 * in-memory adjacency copy is out of date.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_version', table => {
    table.integer('id').primary();
    table.bigInteger('version').notNullable();
  });
  await knex('lineage_version').insert({ id: 1, version: 1 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lineage_version');
};
