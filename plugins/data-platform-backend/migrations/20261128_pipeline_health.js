// @ts-check

/**
 * Pipeline health: the pipelines as the sweep judges them (schedule, SLA,
 * owner, current status), runs folded from OpenLineage RunEvents, partitions
 * with their deadlines and states, alerts with their history, notifications
 * already sent (for dedupe) and the sweep's lease. Times are epoch
 * milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_pipelines', table => {
    table.string('entity_ref', 512).primary();
    table.string('etag', 128).notNullable();
    table.string('title', 512).notNullable();
    table.string('owner', 512).nullable();
    table.string('lifecycle', 64).notNullable();
    // hourly, daily, cron or streaming.
    table.string('schedule_type', 16).notNullable();
    table.string('cron', 128).nullable();
    table.string('timezone', 64).nullable();
    // ISO 8601 duration after the period end (spec.sla.deadline).
    table.string('sla', 64).nullable();
    table.string('ol_namespace', 512).nullable();
    table.string('ol_name', 1024).nullable();
    // JSON arrays of endpoint refs.
    table.text('inputs').notNullable();
    table.text('outputs').notNullable();
    // When the health store first saw it: partitions due before are not judged...
    table.bigInteger('registered_at').notNullable();
    // ...unless a run shows it was already running then (earliest partition with a run).
    table.bigInteger('first_run_partition').nullable();
    // Current status, maintained by the sweep: healthy or a partition state.
    table.string('status_state', 16).notNullable().defaultTo('healthy');
    table.integer('status_problem').notNullable().defaultTo(0);
    // 0 healthy, 1 low, 2 normal, 3 high, 4 critical (sort key of the on-call list).
    table.integer('status_severity').notNullable().defaultTo(0);
    table.bigInteger('status_partition').nullable();
    table.bigInteger('status_deadline').nullable();
    table.bigInteger('status_since').nullable();
    table.text('status_root_cause').nullable();
    table.string('status_alert_id', 36).nullable();
    table.index(
      ['ol_namespace', 'ol_name'],
      'health_pipelines_openlineage_idx',
    );
    table.index(['owner'], 'health_pipelines_owner_idx');
    table.index(
      ['status_problem', 'status_severity', 'status_since'],
      'health_pipelines_oncall_idx',
    );
    table.index(['title'], 'health_pipelines_title_idx');
  });

  await knex.schema.createTable('health_runs', table => {
    table.string('run_id', 255).primary();
    table.string('job_namespace', 512).notNullable();
    table.string('job_name', 1024).notNullable();
    // Set by the sweep from the job's pipeline and the nominal time or schedule.
    table.string('pipeline_ref', 512).nullable();
    table.bigInteger('partition_start').nullable();
    table.bigInteger('nominal_start').nullable();
    table.bigInteger('nominal_end').nullable();
    table.string('parent_run_id', 255).nullable();
    // RUNNING, COMPLETE, FAIL or ABORT.
    table.string('state', 16).notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('first_event_at').notNullable();
    table.bigInteger('last_event_at').notNullable();
    table.bigInteger('ended_at').nullable();
    table.text('failure_reason').nullable();
    table.bigInteger('last_output_at').nullable();
    // Bumped by every change; the sweep clears `dirty` only for the version it read.
    table.integer('version').notNullable().defaultTo(1);
    table.integer('dirty').notNullable().defaultTo(1);
    table.index(
      ['pipeline_ref', 'partition_start'],
      'health_runs_partition_idx',
    );
    table.index(['job_namespace', 'job_name'], 'health_runs_job_idx');
    table.index(['dirty'], 'health_runs_dirty_idx');
  });

  await knex.schema.createTable('health_partitions', table => {
    table.string('pipeline_ref', 512).notNullable();
    table.bigInteger('partition_start').notNullable();
    table.bigInteger('period_end').notNullable();
    table.bigInteger('deadline').notNullable();
    table.string('state', 16).notNullable();
    table.bigInteger('state_since').notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('latest_run_id', 255).nullable();
    table.string('latest_run_state', 16).nullable();
    table.text('failure_reason').nullable();
    table.bigInteger('landed_at').nullable();
    table.bigInteger('landing_run_started_at').nullable();
    // JSON RootCause while late or failed because of an upstream partition.
    table.text('root_cause').nullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['pipeline_ref', 'partition_start']);
    table.index(['state', 'period_end'], 'health_partitions_state_idx');
  });

  await knex.schema.createTable('health_alerts', table => {
    table.string('id', 36).primary();
    table.string('pipeline_ref', 512).notNullable();
    // late, failed or stale.
    table.string('problem', 16).notNullable();
    table.bigInteger('partition_start').nullable();
    // pipeline|problem while not resolved: at most one live alert per pipeline and problem.
    table.string('open_key', 600).nullable().unique({
      indexName: 'health_alerts_open_key_uq',
    });
    table.string('severity', 16).notNullable();
    table.string('state', 16).notNullable();
    table.bigInteger('opened_at').notNullable();
    table.string('acknowledged_by', 512).nullable();
    table.bigInteger('acknowledged_at').nullable();
    table.bigInteger('snoozed_until').nullable();
    table.bigInteger('resolved_at').nullable();
    table.string('resolved_by', 512).nullable();
    table.text('root_cause').nullable();
    table.string('root_cause_ref', 512).nullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['pipeline_ref', 'opened_at'], 'health_alerts_pipeline_idx');
    table.index(['state'], 'health_alerts_state_idx');
  });

  await knex.schema.createTable('health_alert_events', table => {
    table.bigIncrements('id');
    table
      .string('alert_id', 36)
      .notNullable()
      .references('id')
      .inTable('health_alerts')
      .onDelete('CASCADE');
    table.bigInteger('at').notNullable();
    table.string('action', 16).notNullable();
    table.string('by', 512).notNullable();
    table.text('note').nullable();
    table.index(['alert_id'], 'health_alert_events_alert_idx');
  });

  // What each notification scope last said, so a sweep sends only changes.
  await knex.schema.createTable('health_notifications_sent', table => {
    table.string('scope', 700).primary();
    table.string('digest', 64).notNullable();
    table.bigInteger('sent_at').notNullable();
    // The alert it is about (root-cause or expected-delay notice).
    table.string('alert_id', 36).nullable();
    // JSON array of the entity refs it went to, and its title: the final
    // "resolved" update goes to the same people under the same scope.
    table.text('recipients').notNullable();
    table.string('title', 512).notNullable();
  });

  await knex.schema.createTable('health_sweep_lease', table => {
    table.string('name', 64).primary();
    table.string('holder', 128).nullable();
    table.bigInteger('lease_until').notNullable().defaultTo(0);
    // `now` of the last completed sweep: the next one judges deadlines after it.
    table.bigInteger('last_swept_at').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_sweep_lease');
  await knex.schema.dropTable('health_notifications_sent');
  await knex.schema.dropTable('health_alert_events');
  await knex.schema.dropTable('health_alerts');
  await knex.schema.dropTable('health_partitions');
  await knex.schema.dropTable('health_runs');
  await knex.schema.dropTable('health_pipelines');
};
