// @ts-check

/**
 * The local warehouse's metadata: what SQL cannot hold of the BigQuery
 * datasets, tables and deliveries it stands in for. A dataset has no
 * physical form (tables of all datasets share one schema); a table's row
 * maps its address to its physical table and keeps its partitioning,
 * expiration, clustering, labels and the descriptions and nested fields of
 * its columns; a delivery's row keeps the anonymization transform generated
 * from its event type's schema.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('warehouse_datasets', table => {
    table.comment('BigQuery datasets the local warehouse stands in for');
    // The resource id, bigquery-dataset:<project>.<dataset>
    table.string('id', 1400).primary();
    table.string('project', 255).notNullable();
    table.string('dataset', 1024).notNullable();
    table.text('labels').notNullable();
    table.bigInteger('created_at').notNullable();
  });
  await knex.schema.createTable('warehouse_tables', table => {
    table.comment('BigQuery tables the local warehouse stands in for');
    table.string('physical_name', 63).primary();
    // The resource id, bigquery-table:<project>.<dataset>.<table>
    table.string('id', 2500).notNullable();
    table.string('project', 255).notNullable();
    table.string('dataset', 1024).notNullable();
    table.string('table_name', 1024).notNullable();
    table.text('description').nullable();
    // JSON: the schema fields as applied, nested ones, modes and descriptions included
    table.text('fields').notNullable();
    // HOUR, DAY, MONTH, YEAR; null when not partitioned
    table.string('partition_granularity', 8).nullable();
    // Null when partitioned by arrival (_PARTITIONTIME)
    table.string('partition_field', 300).nullable();
    table.integer('partition_expiration_days').nullable();
    // Recorded, not enforced
    table.boolean('require_partition_filter').notNullable();
    // JSON: column names
    table.text('clustering').notNullable();
    table.text('labels').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
  await knex.schema.createTable('warehouse_deliveries', table => {
    table.comment('Deliveries of event types into warehouse tables');
    // The resource id, delivery:<project>/<subscription>
    table.string('id', 600).primary();
    table.string('project', 255).notNullable();
    table.string('subscription', 255).notNullable();
    table.string('topic', 255).notNullable();
    table.string('table_project', 255).notNullable();
    table.string('table_dataset', 1024).notNullable();
    table.string('table_name', 1024).notNullable();
    table.string('event_type', 512).notNullable();
    table.integer('revision').notNullable();
    // JSON: the event type's fields with their PII marks
    table.text('fields').notNullable();
    // JSON: the generated anonymization transform (code, fingerprint, ...)
    table.text('transform').notNullable();
    table.string('transform_fingerprint', 64).notNullable();
    table.text('labels').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('warehouse_deliveries');
  await knex.schema.dropTable('warehouse_tables');
  await knex.schema.dropTable('warehouse_datasets');
};
