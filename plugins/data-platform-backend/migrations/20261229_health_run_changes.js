// @ts-check

/**
 * Runs changed since the sweep last attached them move from a `dirty` flag
 * on `health_runs` to a queue of their own. Clearing the flag rewrote the
 * whole run row and every index on it (the flag was indexed): 35,000 runs at
 * the top of an hour took seconds. Deleting queue entries costs a fraction
 * of that, and without an indexed flag an ingestion's update of a run that
 * keeps its pipeline and partition can stay a heap-only update. `version`
 * counts the changes of a queued run: the sweep deletes an entry only at
 * the version it read, so a change while it ran is swept next time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_run_changes', table => {
    table.string('run_id', 255).primary();
    table.integer('version').notNullable();
  });
  await knex.raw(
    `INSERT INTO health_run_changes (run_id, version)
     SELECT run_id, 1 FROM health_runs WHERE dirty = 1`,
  );
  await knex.schema.alterTable('health_runs', table => {
    table.dropIndex(['dirty'], 'health_runs_dirty_idx');
  });
  await knex.schema.alterTable('health_runs', table => {
    table.dropColumn('dirty');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('health_runs', table => {
    table.integer('dirty').notNullable().defaultTo(0);
    table.index(['dirty'], 'health_runs_dirty_idx');
  });
  await knex.raw(
    `UPDATE health_runs SET dirty = 1
     WHERE run_id IN (SELECT run_id FROM health_run_changes)`,
  );
  await knex.schema.dropTable('health_run_changes');
};
