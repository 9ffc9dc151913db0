// @ts-check

/**
 * Raw OpenLineage events as accepted by the ingestion endpoint: append-only,
 * one row per distinct event (event_key), pruned after the configured
 * retention. The lineage index and anything else derived from events can be
 * rebuilt from this table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('openlineage_events', table => {
    table.bigIncrements('id');
    // SHA-256 (hex) of the event's canonical JSON: a replay is a no-op.
    table.string('event_key', 64).notNullable().unique({
      indexName: 'openlineage_events_key_uq',
    });
    // RunEvent, JobEvent or DatasetEvent.
    table.string('kind', 16).notNullable();
    // START, RUNNING, COMPLETE, ABORT, FAIL, OTHER (RunEvents only).
    table.string('event_type', 16).nullable();
    // eventTime, epoch milliseconds.
    table.bigInteger('event_time').notNullable();
    table.string('run_id', 64).nullable();
    table.string('job_namespace', 512).nullable();
    table.string('job_name', 1024).nullable();
    // The event as received (JSON).
    table.text('payload').notNullable();
    // When it was accepted, epoch milliseconds; retention counts from here.
    table.bigInteger('received_at').notNullable();
    table.index(['received_at'], 'openlineage_events_received_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('openlineage_events');
};
