// @ts-check

/**
 * Provisioning: each resource the catalog asks for with its desired spec,
 * what its provisioner last observed, the plan between them and its state;
 * every apply with who asked, what it planned and what became of each change
 * (the audit log); and the lease that keeps two applies of one resource
 * from running at once across backend instances.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('provisioning_resources', table => {
    table.string('id', 512).primary();
    table.string('type', 32).notNullable();
    table.string('entity_ref', 512).notNullable().index();
    // The event type whose schema the resource carries, for its page.
    table.string('event_type_ref', 512).nullable().index();
    table.string('owner', 512).notNullable();
    // Null: no installed provisioner takes the resource.
    table.string('provisioner', 64).nullable();
    table.string('state', 16).notNullable();
    table.text('desired').notNullable();
    table.string('desired_fingerprint', 64).notNullable();
    // The desired fingerprint the resource was last seen in sync with.
    table.string('applied_fingerprint', 64).nullable();
    table.text('observed').nullable();
    table.text('plan').nullable();
    table.text('error').nullable();
    table.bigInteger('observed_at').nullable();
    table.integer('last_apply_id').nullable();
    table.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('provisioning_applies', table => {
    table.increments('id').primary();
    table.string('resource_id', 512).notNullable().index();
    table.string('entity_ref', 512).notNullable().index();
    table.string('actor', 512).notNullable();
    // manual (a person), auto (the reconcile's autoApply), scaffolder
    table.string('trigger', 16).notNullable();
    // running, applied, partial, failed
    table.string('status', 16).notNullable();
    table.text('plan').notNullable();
    // The resource's desired fingerprint the plan was made for.
    table.string('desired_fingerprint', 64).notNullable();
    table.text('results').nullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
  });
  await knex.schema.createTable('provisioning_leases', table => {
    table.string('resource_id', 512).primary();
    table.string('holder', 128).nullable();
    table.bigInteger('lease_until').notNullable();
  });
  await knex.schema.createTable('provisioning_reconciles', table => {
    table.string('name', 64).primary();
    table.bigInteger('finished_at').notNullable();
    table.text('summary').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('provisioning_reconciles');
  await knex.schema.dropTable('provisioning_leases');
  await knex.schema.dropTable('provisioning_applies');
  await knex.schema.dropTable('provisioning_resources');
};
