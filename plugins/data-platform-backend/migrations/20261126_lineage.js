// @ts-check

/**
 * The lineage index: nodes (catalog entities and datasets/jobs only seen in
 * OpenLineage events), table-level edges along data flow, and column-level
 * edges from OpenLineage's column-lineage facet.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_nodes', table => {
    table.increments('id');
    // EventType, Pipeline, DataEndpoint, Component; Dataset or Job when unregistered.
    table.string('kind', 32).notNullable();
    table.string('title', 512).notNullable();
    // Set while a catalog entity backs the node.
    table.string('entity_ref', 512).nullable().unique();
    table.string('entity_etag', 128).nullable();
    table.string('owner', 512).nullable();
    table.string('ol_namespace', 512).nullable();
    table.string('ol_name', 1024).nullable();
    table.unique(['ol_namespace', 'ol_name'], {
      indexName: 'lineage_nodes_openlineage_uq',
    });
    // Lower-cased title and names, for search.
    table.string('search_text', 2048).notNullable();
    table.index(['search_text'], 'lineage_nodes_search_idx');
  });

  await knex.schema.createTable('lineage_edges', table => {
    table
      .integer('from_id')
      .notNullable()
      .references('id')
      .inTable('lineage_nodes')
      .onDelete('CASCADE');
    table
      .integer('to_id')
      .notNullable()
      .references('id')
      .inTable('lineage_nodes')
      .onDelete('CASCADE');
    // The catalog entity whose YAML declares the edge, if any.
    table.string('declared_by', 512).nullable();
    // When an OpenLineage event last showed the edge; null if never observed.
    table.bigInteger('last_seen_at').nullable();
    table.primary(['from_id', 'to_id']);
    table.index(['to_id'], 'lineage_edges_to_idx');
    table.index(['declared_by'], 'lineage_edges_declared_by_idx');
  });

  await knex.schema.createTable('lineage_column_edges', table => {
    table
      .integer('from_id')
      .notNullable()
      .references('id')
      .inTable('lineage_nodes')
      .onDelete('CASCADE');
    table.string('from_column', 512).notNullable();
    table
      .integer('to_id')
      .notNullable()
      .references('id')
      .inTable('lineage_nodes')
      .onDelete('CASCADE');
    table.string('to_column', 512).notNullable();
    table
      .integer('via_id')
      .nullable()
      .references('id')
      .inTable('lineage_nodes')
      .onDelete('SET NULL');
    // JSON array of { type, subtype, description, masking }.
    table.text('transformations').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    table.primary(['from_id', 'from_column', 'to_id', 'to_column']);
    table.index(['to_id', 'to_column'], 'lineage_column_edges_to_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lineage_column_edges');
  await knex.schema.dropTable('lineage_edges');
  await knex.schema.dropTable('lineage_nodes');
};
