// @ts-check

/**
 * Decisions to ship a schema change that breaks consumers: who decided, when,
 * why, the changes and the consumers named (JSON), and the owners the notice
 * went to. A retried scaffolder task records its decision once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('schema_change_decisions', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.integer('revision').notNullable();
    table.string('decided_by', 255).notNullable();
    // ms since the epoch.
    table.bigInteger('decided_at').notNullable();
    table.text('reason').notNullable();
    table.text('changes').notNullable();
    table.text('consumers').notNullable();
    table.text('notified').notNullable();
    // What the caller sends to make a retry record nothing new (the
    // scaffolder task's id).
    table.string('idempotency_key', 255).notNullable().unique();
    table.index(['entity_ref', 'revision']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('schema_change_decisions');
};
