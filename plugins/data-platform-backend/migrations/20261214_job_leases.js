// @ts-check

/**
 * One lease per singleton job (health sweep, catalog syncs, provisioning
 * reconcile, quality passes), shared by every backend instance. A holder
 * keeps it only while it renews it (`expires_at`, a few tens of seconds
 * ahead), so a crashed instance's job is taken over as soon as that runs
 * out; `due_at` is when the job should next run, and stays in the past
 * while a run that never finished is waiting for a new holder. Replaces the
 * health sweep's own lease, whose last completed sweep it keeps.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('job_leases', table => {
    table.string('name', 64).primary();
    table.string('holder', 64).nullable();
    // ms since the epoch; 0 when no one holds it.
    table.bigInteger('expires_at').notNullable().defaultTo(0);
    table.bigInteger('due_at').notNullable().defaultTo(0);
    // The `now` the last completed run worked at (the sweep judges after it).
    table.bigInteger('completed_at').nullable();
  });
  const swept = await knex('health_sweep_lease')
    .where('name', 'health-sweep')
    .first();
  if (swept?.last_swept_at !== null && swept?.last_swept_at !== undefined) {
    await knex('job_leases').insert({
      name: 'health-sweep',
      completed_at: swept.last_swept_at,
    });
  }
  await knex.schema.dropTable('health_sweep_lease');
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.createTable('health_sweep_lease', table => {
    table.string('name', 64).primary();
    table.string('holder', 128).nullable();
    table.bigInteger('lease_until').notNullable().defaultTo(0);
    table.bigInteger('last_swept_at').nullable();
  });
  const swept = await knex('job_leases').where('name', 'health-sweep').first();
  if (swept?.completed_at !== null && swept?.completed_at !== undefined) {
    await knex('health_sweep_lease').insert({
      name: 'health-sweep',
      last_swept_at: swept.completed_at,
    });
  }
  await knex.schema.dropTable('job_leases');
};
