// @ts-check

/**
 * Partition metadata, as BigQuery's INFORMATION_SCHEMA.PARTITIONS keeps it:
 * per table and time partition, its rows and when it was last written.
 * Deliveries add to it in the transaction that lands the rows; the
 * retention deletes it with the partitions it expires. Quality checks of
 * freshness and volume read it instead of scanning the tables.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('warehouse_partitions', table => {
    table.comment('Rows and last write of each time partition of each table');
    // The table's physical name (warehouse_tables.physical_name)
    table.string('physical_name', 63).notNullable();
    // Start of the partition's period, milliseconds since the epoch (UTC)
    table.bigInteger('partition_start').notNullable();
    table.bigInteger('row_count').notNullable();
    // Milliseconds since the epoch
    table.bigInteger('last_modified').notNullable();
    table.primary(['physical_name', 'partition_start']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('warehouse_partitions');
};
