// @ts-check

/**
 * The schema field index: one row per schema field of every event type and
 * data endpoint, found by name or dotted path. A data endpoint that stores an
 * event type's schema holds no fields of its own: `schema_ref` names the
 * event type whose rows it shows, so an event type's new revision is
 * re-flattened once, not once per endpoint that stores it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('schema_field_entities', table => {
    table.string('entity_ref', 255).primary();
    table.string('etag', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.string('title', 255).notNullable();
    table.string('owner', 255).nullable();
    // The entity whose fields it shows: itself, or the stored event type.
    table.string('schema_ref', 255).notNullable();
    table.index(['schema_ref'], 'schema_field_entities_schema_ref_idx');
    table.index(['owner'], 'schema_field_entities_owner_idx');
  });
  await knex.schema.createTable('schema_fields', table => {
    // The entity that declares the field in its own YAML.
    table.string('entity_ref', 255).notNullable();
    // Depth-first order in the schema.
    table.integer('position').notNullable();
    table.text('path').notNullable();
    table.text('path_lower').notNullable();
    table.string('name_lower', 512).notNullable();
    table.integer('depth').notNullable();
    table.string('type', 32).notNullable();
    table.string('mode', 32).notNullable();
    table.text('description').nullable();
    table.string('pii', 32).notNullable();
    table.primary(['entity_ref', 'position']);
    table.index(['name_lower'], 'schema_fields_name_lower_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('schema_fields');
  await knex.schema.dropTable('schema_field_entities');
};
