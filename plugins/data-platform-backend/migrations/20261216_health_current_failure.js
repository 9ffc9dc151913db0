// @ts-check

/**
 * A pipeline's current problem as the sweep leaves it, complete enough for
 * every reader (on-call list, Health tab, Overview, notifications) to tell
 * the same story: the failure's reason and, when it spans several
 * partitions, its newest one (`status_partition` stays its first).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('health_pipelines', table => {
    table.bigInteger('status_last_partition').nullable();
    table.text('status_failure_reason').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('health_pipelines', table => {
    table.dropColumn('status_last_partition');
    table.dropColumn('status_failure_reason');
  });
};
