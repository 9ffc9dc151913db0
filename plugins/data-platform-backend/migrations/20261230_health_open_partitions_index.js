// @ts-check

/**
 * The partitions' state index keeps the open ones only (pending, running,
 * late, failed): the sweep looks up open partitions by state, and nothing
 * looks up the landed ones, which are most of what a top-of-hour sweep
 * writes. A partial index spares every such write an index entry.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('health_partitions', table => {
    table.dropIndex(['state', 'period_end'], 'health_partitions_state_idx');
  });
  await knex.schema.alterTable('health_partitions', table => {
    table.index(['state', 'period_end'], 'health_partitions_open_idx', {
      predicate: knex.whereRaw(
        "state in ('pending', 'running', 'late', 'failed')",
      ),
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('health_partitions', table => {
    table.dropIndex(['state', 'period_end'], 'health_partitions_open_idx');
  });
  await knex.schema.alterTable('health_partitions', table => {
    table.index(['state', 'period_end'], 'health_partitions_state_idx');
  });
};
