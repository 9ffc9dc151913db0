// @ts-check

/**
 * Who last wrote each provisioning row (the backend instance's engine), so
 * that a reconcile rereads only the rows others wrote since its last read:
 * it knows its own.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('provisioning_resources', table => {
    table.string('written_by', 64).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('provisioning_resources', table => {
    table.dropColumn('written_by');
  });
};
