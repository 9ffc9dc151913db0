// @ts-check

/**
 * Re-sends of an OpenLineage event whose payload differs from the stored
 * one (same identity, e.g. a corrected START): each distinct payload once,
 * next to the first one in openlineage_events. Pruned with the raw events.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('openlineage_event_revisions', table => {
    table.bigIncrements('id');
    // The identity it shares with the stored event (openlineage_events.event_key).
    table.string('event_key', 64).notNullable();
    // SHA-256 (hex) of the payload's JSON with sorted keys.
    table.string('payload_digest', 64).notNullable();
    // The event as received (JSON).
    table.text('payload').notNullable();
    // When it was received, epoch milliseconds.
    table.bigInteger('received_at').notNullable();
    table.unique(['event_key', 'payload_digest'], {
      indexName: 'openlineage_event_revisions_uq',
    });
    table.index(['received_at'], 'openlineage_event_revisions_received_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('openlineage_event_revisions');
};
