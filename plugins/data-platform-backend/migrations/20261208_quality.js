// @ts-check

/**
 * Data quality: the endpoints with their declared checks as the catalog
 * has them (and the fields of the event types they store); the partitions
 * waiting to be checked; every check run with what its queries cost; the
 * latest result per check, partition and source; partition volumes (the
 * learned bands' history) and the volumes owners marked as normal; and one
 * score per endpoint and day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('quality_endpoints', table => {
    table.string('entity_ref', 512).primary();
    table.string('etag', 128).notNullable();
    table.string('title', 512).notNullable();
    table.string('owner', 512).notNullable().index();
    table.string('system', 512).nullable();
    table.string('type', 32).notNullable();
    // JSON: project, dataset, table (BigQuery tables) or null.
    table.text('address').nullable();
    // JSON: { granularity, field? } or null.
    table.text('partitioning').nullable();
    // JSON QualityCheck[] as declared.
    table.text('checks').notNullable();
    // JSON SchemaField[] of its own schema, or null when it stores an event type.
    table.text('fields').nullable();
    table.string('event_type_ref', 512).nullable().index();
    // Its own fields counted (all, described, PII-classified), for scores.
    table.integer('field_total').nullable();
    table.integer('field_documented').nullable();
    table.integer('field_classified').nullable();
    // JSON string[]: pipelines writing it, and how many read it.
    table.text('writers').notNullable();
    table.integer('consumers').notNullable().defaultTo(0);
    // Its OpenLineage dataset identity, to find it from run events.
    table.string('ol_namespace', 512).nullable();
    table.string('ol_name', 1024).nullable();
    table.index(['ol_namespace', 'ol_name'], 'quality_endpoints_ol_idx');
  });
  await knex.schema.createTable('quality_event_types', table => {
    table.string('entity_ref', 512).primary();
    table.string('etag', 128).notNullable();
    table.text('fields').notNullable();
    table.integer('field_total').notNullable();
    table.integer('field_documented').notNullable();
    table.integer('field_classified').notNullable();
  });
  await knex.schema.createTable('quality_queue', table => {
    table.string('endpoint_ref', 512).notNullable();
    // Partition start, ms; -1 for an unpartitioned table.
    table.bigInteger('partition_start').notNullable();
    // landed (a run wrote it), scheduled, manual
    table.string('reason', 16).notNullable();
    table.bigInteger('queued_at').notNullable();
    table.bigInteger('not_before').notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.primary(['endpoint_ref', 'partition_start']);
    table.index(['not_before'], 'quality_queue_due_idx');
  });
  await knex.schema.createTable('quality_runs', table => {
    table.increments('id').primary();
    table.string('endpoint_ref', 512).notNullable().index();
    table.bigInteger('partition_start').notNullable();
    // The runner (local-warehouse, bigquery) or the emitter (dbt, ...).
    table.string('source', 64).notNullable();
    table.string('reason', 16).notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').notNullable();
    // ok, error
    table.string('status', 16).notNullable();
    table.text('error').nullable();
    // JSON QualityQueryCost[]
    table.text('queries').notNullable();
    table.bigInteger('bytes_billed').nullable();
    table.bigInteger('slot_ms').nullable();
    table.integer('duration_ms').notNullable();
  });
  await knex.schema.createTable('quality_results', table => {
    table.string('endpoint_ref', 512).notNullable();
    table.string('check_name', 255).notNullable();
    table.bigInteger('partition_start').notNullable();
    table.string('source', 64).notNullable();
    table.string('check_type', 32).notNullable();
    table.string('column_path', 512).nullable();
    table.string('severity', 16).notNullable();
    // pass, fail, error, not_run
    table.string('status', 16).notNullable();
    table.string('metric', 64).notNullable();
    table.text('expected').nullable();
    table.text('actual').nullable();
    table.text('message').notNullable();
    table.integer('run_id').nullable();
    table.bigInteger('evaluated_at').notNullable();
    table.primary(['endpoint_ref', 'check_name', 'partition_start', 'source']);
    table.index(['endpoint_ref', 'evaluated_at'], 'quality_results_recent_idx');
  });
  await knex.schema.createTable('quality_volumes', table => {
    table.string('endpoint_ref', 512).notNullable();
    table.bigInteger('partition_start').notNullable();
    table.bigInteger('rows').notNullable();
    table.bigInteger('last_modified').nullable();
    table.primary(['endpoint_ref', 'partition_start']);
  });
  await knex.schema.createTable('quality_volume_marks', table => {
    table.string('endpoint_ref', 512).notNullable();
    table.bigInteger('partition_start').notNullable();
    table.bigInteger('rows').notNullable();
    table.string('marked_by', 512).notNullable();
    table.bigInteger('marked_at').notNullable();
    table.primary(['endpoint_ref', 'partition_start']);
  });
  await knex.schema.createTable('quality_scores', table => {
    table.string('endpoint_ref', 512).notNullable();
    // The UTC day, YYYY-MM-DD: the latest score of the day.
    table.string('day', 10).notNullable();
    table.integer('score').notNullable();
    // What the score is made of, less how old its causes are: a recompute
    // that changes nothing but ages writes nothing.
    table.string('digest', 64).notNullable();
    // JSON EndpointScore (components, deductions, note)
    table.text('detail').notNullable();
    table.bigInteger('computed_at').notNullable();
    table.primary(['endpoint_ref', 'day']);
    table.index(['day', 'score'], 'quality_scores_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'quality_scores',
    'quality_volume_marks',
    'quality_volumes',
    'quality_results',
    'quality_runs',
    'quality_queue',
    'quality_event_types',
    'quality_endpoints',
  ]) {
    await knex.schema.dropTable(table);
  }
};
