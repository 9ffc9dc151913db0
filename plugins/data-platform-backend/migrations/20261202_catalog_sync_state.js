// @ts-check

/**
 * Where each catalog sync (lineage, health) left off, shared by every backend
 * instance: whether the catalog's entities carry changed-at stamps, when the
 * last pass began and when the last full pass did (ms since the epoch).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('catalog_sync_state', table => {
    table.string('name', 64).primary();
    table.boolean('stamped').notNullable();
    table.bigInteger('last_pass_at').notNullable();
    table.bigInteger('last_full_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('catalog_sync_state');
};
