// @ts-check

/**
 * Bad-data alerts: a critical quality check failing on a partition opens
 * an alert through pipeline health. The alert keeps what it is about
 * beyond its partition (the failing checks, the pipelines that read the
 * bad data) as JSON; the sweep finds the failing critical results every
 * minute through an index rather than by scanning every result.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('health_alerts', table => {
    // JSON: a bad_data alert's failing checks and downstream readers.
    table.text('details').nullable();
  });
  await knex.schema.alterTable('quality_results', table => {
    table.index(
      ['status', 'severity', 'partition_start'],
      'quality_results_failing_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('quality_results', table => {
    table.dropIndex([], 'quality_results_failing_idx');
  });
  // Plain SQL on both databases: knex rebuilds a SQLite table to drop a
  // column, and the rebuild would cascade into the alerts' history.
  await knex.raw('ALTER TABLE ?? DROP COLUMN ??', ['health_alerts', 'details']);
};
