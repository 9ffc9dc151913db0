// @ts-check

/**
 * Which job each OpenLineage run id belongs to: the job of the first event
 * that used it. An event of the same run id under another job is refused,
 * so that one job's events never close or change another job's run.
 * Pruned with the raw events' retention, from when the run id was claimed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('openlineage_run_jobs', table => {
    // Canonical run id: the UUID in lower case.
    table.string('run_id', 64).primary();
    table.string('job_namespace', 512).notNullable();
    table.string('job_name', 1024).notNullable();
    // When its first event was accepted, epoch milliseconds.
    table.bigInteger('claimed_at').notNullable();
    table.index(['claimed_at'], 'openlineage_run_jobs_claimed_idx');
  });
  // Run ids already stored belong to the job of their earliest event.
  await knex.raw(`
    INSERT INTO openlineage_run_jobs (run_id, job_namespace, job_name, claimed_at)
    SELECT e.run_id, e.job_namespace, e.job_name, e.received_at
    FROM openlineage_events e
    JOIN (
      SELECT run_id, MIN(id) AS first_id FROM openlineage_events
      WHERE run_id IS NOT NULL AND job_namespace IS NOT NULL AND job_name IS NOT NULL
      GROUP BY run_id
    ) f ON f.first_id = e.id
  `);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('openlineage_run_jobs');
};
