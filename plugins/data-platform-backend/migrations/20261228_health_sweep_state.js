// @ts-check

/**
 * What lets a sweep carry its state over to the next one on the same
 * instance instead of reading every pipeline and open partition again: the
 * latest sweep to start (what an instance kept is current only while that
 * sweep was its own) and a counter the catalog sync bumps whenever it adds,
 * changes or removes health pipelines.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_sweep_state', table => {
    table.integer('id').primary();
    table.bigInteger('pipelines_version').notNullable();
    table.string('last_sweep_id', 36).nullable();
  });
  await knex('health_sweep_state').insert({ id: 1, pipelines_version: 1 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_sweep_state');
};
