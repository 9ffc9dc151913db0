// @ts-check

/**
 * OpenLineage events the ingestion refused, kept so that an administrator
 * can see why and replay them after a fix: a bounded store (the newest
 * `deadLetters.maxEvents`, none older than `deadLetters.retentionDays`).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('openlineage_dead_letters', table => {
    table.bigIncrements('id');
    // When it was refused, epoch milliseconds; retention counts from here.
    table.bigInteger('received_at').notNullable();
    // Its position in the request it came in.
    table.integer('event_index').notNullable();
    // The event as far as it could be named: kind, eventType, runId, job.
    table.text('event').notNullable();
    // JSON array of { pointer, path, message }: why it was refused.
    table.text('reasons').notNullable();
    // The event's JSON as it was sent (bytes: it need not even be JSON);
    // null when it was larger than deadLetters.maxPayloadSize.
    table.binary('payload').nullable();
    table.integer('payload_size').notNullable();
    // Who sent it: a user's entity ref or a service's subject.
    table.string('sender', 512).nullable();
    // Replays that refused it again, and when the last one was.
    table.integer('replays').notNullable().defaultTo(0);
    table.bigInteger('last_replayed_at').nullable();
    table.index(['received_at'], 'openlineage_dead_letters_received_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('openlineage_dead_letters');
};
