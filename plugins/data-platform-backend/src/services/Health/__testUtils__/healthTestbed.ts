import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { migrateClient } from '../../../database/migrations';
import { DatabaseLineageStore } from '../../LineageIndex/DatabaseLineageStore';
import { ObservedLineageHandler } from '../../OpenLineage/ObservedLineageHandler';
import { OpenLineageIngestor } from '../../OpenLineage/OpenLineageIngestor';
import { OpenLineageValidator } from '../../OpenLineage/OpenLineageValidator';
import { HealthSettings } from '../healthSettings';
import { RunRecorder } from '../runs/RunRecorder';
import { HealthPipelineRecord, PipelineStore } from '../store/PipelineStore';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const t = (iso: string) => Date.parse(iso);

/** Settings as the defaults read them, with overrides. */
export function testSettings(
  overrides: Partial<HealthSettings> = {},
): HealthSettings {
  return {
    defaultSla: 'PT3H',
    lookbackMs: 3 * 86_400_000,
    backfillAfterMs: 86_400_000,
    escalateAfterMs: 2 * 3_600_000,
    reopenWithinMs: 3_600_000,
    sweepIntervalMs: 60_000,
    sweepTimeoutMs: 300_000,
    runsPerSweep: 100_000,
    catalogSyncIntervalMs: 30_000,
    catalogReconcileIntervalMs: 600_000,
    demoFeeder: { enabled: false, stalled: [], failing: [], historyDays: 3 },
    ...overrides,
  };
}

/** A pipeline of the test platform; it writes `<name>-out` and reads `inputs`. */
export function pipeline(
  name: string,
  options: Partial<HealthPipelineRecord> & { reads?: string[] } = {},
): HealthPipelineRecord {
  return {
    entityRef: `pipeline:default/${name}`,
    etag: 'e1',
    title: name,
    owner: options.owner ?? 'group:default/team-a',
    lifecycle: 'production',
    schedule: { type: 'hourly' },
    sla: 'PT2H',
    openLineage: { namespace: 'airflow', name },
    inputs: (options.reads ?? []).map(r => `dataendpoint:default/${r}-out`),
    outputs: [`dataendpoint:default/${name}-out`],
    ...options,
  };
}

/** Registers pipelines for health and their declared lineage in the index. */
export async function registerPipelines(
  db: Knex,
  records: HealthPipelineRecord[],
  registeredAt: number,
): Promise<void> {
  await new PipelineStore(db).upsert(records, registeredAt);
  await new DatabaseLineageStore(db).upsertEntities(
    records.map(r => ({
      entityRef: r.entityRef,
      etag: r.etag,
      kind: 'Pipeline' as const,
      title: r.title,
      owner: r.owner,
      openLineage: r.openLineage,
      declaredEdges: [
        ...r.inputs.map(i => ({ from: i, to: r.entityRef })),
        ...r.outputs.map(o => ({ from: r.entityRef, to: o })),
      ],
    })),
  );
}

const PRODUCER =
  'https://github.com/apache/airflow/tree/providers-openlineage/2.1.0';
const NOMINAL =
  'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet';
const ERROR =
  'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet';
const PARENT =
  'https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet';

/** An OpenLineage RunEvent as Airflow sends it. */
export function runEvent(options: {
  job: string;
  runId: string;
  eventType: 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT';
  at: number;
  /** Start of the partition (nominalTime facet); none when omitted. */
  nominal?: { start: number; end: number };
  error?: string;
  parentRunId?: string;
  outputs?: boolean;
}): Record<string, unknown> {
  const facets: Record<string, unknown> = {};
  if (options.nominal) {
    facets.nominalTime = {
      _producer: PRODUCER,
      _schemaURL: NOMINAL,
      nominalStartTime: new Date(options.nominal.start).toISOString(),
      nominalEndTime: new Date(options.nominal.end).toISOString(),
    };
  }
  if (options.error) {
    facets.errorMessage = {
      _producer: PRODUCER,
      _schemaURL: ERROR,
      message: options.error,
      programmingLanguage: 'PYTHON',
    };
  }
  if (options.parentRunId) {
    facets.parent = {
      _producer: PRODUCER,
      _schemaURL: PARENT,
      run: { runId: options.parentRunId },
      job: { namespace: 'airflow', name: `${options.job}_dag` },
    };
  }
  return {
    eventType: options.eventType,
    eventTime: new Date(options.at).toISOString(),
    producer: PRODUCER,
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: options.runId, facets },
    job: { namespace: 'airflow', name: options.job },
    inputs: [],
    outputs:
      options.outputs === false
        ? []
        : [
            {
              namespace: 'bigquery',
              name: `acme.health.${options.job.replace(/-/g, '_')}`,
            },
          ],
  };
}

/** START and COMPLETE (or FAIL) of one run of an hourly partition. */
export function hourlyRun(options: {
  job: string;
  partition: number;
  startedAfterEndMs?: number;
  durationMs?: number;
  outcome?: 'COMPLETE' | 'FAIL';
  runId?: string;
  error?: string;
}) {
  const nominal = { start: options.partition, end: options.partition + HOUR };
  const start = nominal.end + (options.startedAfterEndMs ?? 5 * MINUTE);
  const runId = options.runId ?? randomUUID();
  return [
    runEvent({
      job: options.job,
      runId,
      eventType: 'START',
      at: start,
      nominal,
    }),
    runEvent({
      job: options.job,
      runId,
      eventType: options.outcome ?? 'COMPLETE',
      at: start + (options.durationMs ?? 10 * MINUTE),
      nominal,
      error: options.outcome === 'FAIL' ? options.error ?? 'boom' : undefined,
    }),
  ];
}

let validator: OpenLineageValidator | undefined;

/** The real ingestion path with the lineage mapping and the run recorder. */
export function createIngestor(db: Knex): OpenLineageIngestor {
  validator ??= OpenLineageValidator.fromPackage();
  return new OpenLineageIngestor({
    db,
    validator,
    handlers: [
      new ObservedLineageHandler(new DatabaseLineageStore(db)),
      new RunRecorder(db),
    ],
  });
}

/** A migrated database. */
export async function migrated(knex: Knex): Promise<Knex> {
  await migrateClient(knex);
  return knex;
}

/** Keeps what was sent, as the notifications backend would receive it. */
export class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];

  async send(options: NotificationSendOptions): Promise<void> {
    this.sent.push(options);
  }

  /** Sends to a recipient, in order. */
  to(entityRef: string): NotificationSendOptions['payload'][] {
    return this.sent
      .filter(
        s =>
          s.recipients.type === 'entity' &&
          ([] as string[]).concat(s.recipients.entityRef).includes(entityRef),
      )
      .map(s => s.payload);
  }
}
