// @ts-check

/**
 * Provisioning keeps, per resource, the version of what was observed when
 * its plan was made (a provisioner's cheap version, or a digest of the
 * observation), so that a reconcile re-plans and re-stores only what
 * changed; and, per provisioner, when it last observed everything it
 * provisions, which is then the observation time of every row it did not
 * have to rewrite.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('provisioning_resources', table => {
    // Null: planned before versions were kept; '' : it did not exist.
    table.text('observed_version').nullable();
  });
  await knex.schema.createTable('provisioning_observations', table => {
    table.string('provisioner', 64).primary();
    table.bigInteger('observed_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('provisioning_observations');
  await knex.schema.alterTable('provisioning_resources', table => {
    table.dropColumn('observed_version');
  });
};
