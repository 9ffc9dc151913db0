// @ts-check

/**
 * Personal data followed along lineage: the schemas' declared PII marks
 * (kept in step with the catalog), the PII each lineage node's columns
 * receive from upstream, the findings on endpoints whose declared marks
 * miss it, and the nodes whose PII must be recomputed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // EventTypes, DataEndpoints and Pipelines as the catalog last showed them.
  await knex.schema.createTable('pii_catalog_entities', table => {
    table.string('entity_ref', 512).primary();
    table.string('etag', 128).notNullable();
    // eventtype, dataendpoint or pipeline, as in refs.
    table.string('kind', 32).notNullable();
    table.string('title', 512).notNullable();
    table.string('owner', 512).nullable();
    // An endpoint storing an event type has that event type's columns.
    table.string('event_type_ref', 512).nullable();
    // JSON array of [dotted column path, PII mark or null when unmarked].
    table.text('columns').notNullable();
    table.index(['event_type_ref'], 'pii_catalog_entities_event_type_idx');
    table.index(['owner'], 'pii_catalog_entities_owner_idx');
  });

  // Personal data reaching a column from upstream: the strongest per
  // certainty. Column '' holds what reaches the whole dataset ("may contain").
  await knex.schema.createTable('pii_columns', table => {
    table
      .integer('node_id')
      .notNullable()
      .references('id')
      .inTable('lineage_nodes')
      .onDelete('CASCADE');
    table.string('column', 512).notNullable();
    // derived or mayContain.
    table.string('certainty', 16).notNullable();
    table.string('classification', 16).notNullable();
    // JSON array of { n: node id, c?: column, v?: via node id }, source first.
    table.text('path').notNullable();
    table.bigInteger('computed_at').notNullable();
    table.primary(['node_id', 'column', 'certainty']);
  });

  await knex.schema.createTable('pii_findings', table => {
    table.string('endpoint_ref', 512).notNullable();
    // '' when only dataset-level lineage brings the data.
    table.string('column', 512).notNullable();
    table.string('owner', 512).nullable();
    // declaredNone or undeclared.
    table.string('kind', 16).notNullable();
    table.string('certainty', 16).notNullable();
    table.string('classification', 16).notNullable();
    table.text('path').notNullable();
    // When the finding was first made; kept while it stands.
    table.bigInteger('since').notNullable();
    table.primary(['endpoint_ref', 'column']);
    table.index(['owner'], 'pii_findings_owner_idx');
  });

  // Lineage nodes (public ids) whose PII and everything downstream must be
  // recomputed; '*' asks for a full recompute.
  await knex.schema.createTable('pii_dirty_nodes', table => {
    table.string('node', 1100).primary();
    table.bigInteger('marked_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pii_dirty_nodes');
  await knex.schema.dropTable('pii_findings');
  await knex.schema.dropTable('pii_columns');
  await knex.schema.dropTable('pii_catalog_entities');
};
