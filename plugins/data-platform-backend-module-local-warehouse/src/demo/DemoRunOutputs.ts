import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  OpenLineageEventHandler,
  preparedFor,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { nextPartitionStart, partitionStart } from '../warehouse/partitionTime';
import type { TableRef } from '../warehouse/physicalNames';
import type { WarehouseTable } from '../warehouse/types';
import { runOutputRows } from './runOutputRows';

/**
 * What a COMPLETE run, or a running stream's heartbeat, says it wrote:
 * its BigQuery outputs, and when.
 */
export type RunOutput = {
  table: TableRef;
  /** The run's `nominalTime` facet's start, ms, when it has one. */
  nominalStart?: number;
  /** When the run completed, or the stream's heartbeat (the event's time), ms. */
  completedAt: number;
  /** A RUNNING heartbeat of a streaming job: it writes continuously. */
  streaming?: true;
};

/** A job the demo (and Flink's integration) marks as a stream. */
function isStreaming(event: { job: { facets?: Record<string, any> } }) {
  return event.job.facets?.jobType?.processingType === 'STREAMING';
}

/** Outputs remembered until their table is provisioned, at most. */
const MAX_WAITING = 5_000;

/** A BigQuery dataset name `project.dataset.table` (a domain-scoped project keeps its dot). */
function tableOf(name: string): TableRef | undefined {
  const parts = name.split('.');
  if (parts.length < 3 || parts.some(p => p === '')) return undefined;
  const table = parts.pop()!;
  const dataset = parts.pop()!;
  return { project: parts.join('.'), dataset, table };
}

/**
 * The dev demo's pipelines writing their outputs: on a COMPLETE run event,
 * each output that is a table of the local warehouse (namespace
 * `bigquery`) gets sample rows in the partition the run wrote, replacing
 * what that partition held (see `runOutputRows`). The partition is the one
 * holding the run's nominal start time, else the one before the partition
 * its completion falls in (an hourly job ending at 10:05 wrote 09:00), as
 * the data-platform backend's quality checks reckon it. A run that failed,
 * was aborted or never ran writes nothing, so its partition stays empty
 * and its freshness fails, as the pipeline's health says. A running
 * stream writes continuously: each RUNNING heartbeat of a STREAMING job
 * (its `jobType` facet) writes its outputs' partitions up to the
 * heartbeat (see `writesOf`). Rows go to the
 * warehouse's own database, not through the ingestion's transaction;
 * replaying an event writes the same rows again. An output whose table is
 * not provisioned yet waits (in memory) until `landWaiting`.
 */
export class DemoRunOutputs implements OpenLineageEventHandler {
  readonly name = 'local-warehouse-demo-run-outputs';
  private readonly waiting = new Map<string, RunOutput>();

  constructor(
    private readonly options: {
      warehouse: LocalWarehouse;
      pseudonymizationKey: string;
      logger: LoggerService;
    },
  ) {}

  prepare(validated: ValidatedEvent): RunOutput[] {
    if (validated.kind !== 'RunEvent') return [];
    const event = validated.event;
    const streaming = event.eventType === 'RUNNING' && isStreaming(event);
    if (event.eventType !== 'COMPLETE' && !streaming) return [];
    const nominal = event.run.facets?.nominalTime?.nominalStartTime;
    const nominalStart =
      typeof nominal === 'string' ? Date.parse(nominal) : Number.NaN;
    return (event.outputs ?? []).flatMap(output => {
      const table =
        output.namespace === 'bigquery' ? tableOf(output.name) : undefined;
      if (!table) return [];
      return [
        {
          table,
          ...(Number.isFinite(nominalStart) && !streaming
            ? { nominalStart }
            : {}),
          completedAt: validated.eventTime,
          ...(streaming ? { streaming: true as const } : {}),
        },
      ];
    });
  }

  async handle(events: ValidatedEvent[]): Promise<void> {
    for (const event of events) {
      for (const output of preparedFor(event, this)) {
        if (this.options.warehouse.holds(output.table)) {
          await this.land(output);
        } else {
          this.wait(output);
        }
      }
    }
  }

  /** Lands the outputs whose tables were provisioned since their runs completed. */
  async landWaiting(): Promise<number> {
    let landed = 0;
    for (const [key, output] of [...this.waiting]) {
      if (!this.options.warehouse.holds(output.table)) continue;
      this.waiting.delete(key);
      landed += await this.land(output);
    }
    return landed;
  }

  private wait(output: RunOutput) {
    const { project, dataset, table } = output.table;
    const key = JSON.stringify([
      project,
      dataset,
      table,
      output.nominalStart ?? null,
      output.completedAt,
      output.streaming ?? false,
    ]);
    this.waiting.delete(key);
    this.waiting.set(key, output);
    if (this.waiting.size > MAX_WAITING) {
      this.waiting.delete(this.waiting.keys().next().value!);
    }
  }

  /** Writes a run's output partition; a failure is logged, never fails the ingestion. */
  private async land(output: RunOutput): Promise<number> {
    const { warehouse, logger } = this.options;
    const { project, dataset, table: id } = output.table;
    try {
      const table = await warehouse.table(output.table);
      if (!table) return 0;
      let landed = 0;
      for (const write of writesOf(output, table.timePartitioning)) {
        landed += await this.write(output.table, table, write);
      }
      return landed;
    } catch (error) {
      logger.warn(
        `The demo run output into ${project}.${dataset}.${id} landed nothing: ${
          (error as Error).message
        }`,
      );
      return 0;
    }
  }

  private async write(
    ref: TableRef,
    table: WarehouseTable,
    { partition, written, until }: PartitionWrite,
  ): Promise<number> {
    const { warehouse, pseudonymizationKey, logger } = this.options;
    const report = await warehouse.replacePartition(
      ref,
      partition,
      runOutputRows(table, partition, written, pseudonymizationKey, {
        until,
      }),
      { written },
    );
    for (const refused of report.refused.slice(0, 1)) {
      logger.warn(
        `The demo run output into ${ref.project}.${ref.dataset}.${ref.table} refused ${report.refused.length} rows, e.g.: ${refused.message}`,
      );
    }
    return report.landed;
  }
}

/** One partition an output replaces: which, when, and up to when its rows go. */
type PartitionWrite = { partition?: Date; written: Date; until?: Date };

/**
 * The partitions an output writes. A completed run: the partition holding
 * its nominal start, else the one before the partition its completion
 * falls in. A stream's heartbeat at t: the partition holding t with the
 * rows before t, and the partition before it in full, written at its end
 * (the stream wrote its last rows then), so a partition the stream has
 * passed holds what a batch run would have written.
 */
function writesOf(
  output: RunOutput,
  timePartitioning: WarehouseTable['timePartitioning'],
): PartitionWrite[] {
  const at = new Date(output.completedAt);
  const granularity = timePartitioning?.granularity;
  if (!granularity) return [{ written: at }];
  const current = partitionStart(at, granularity);
  const previous = partitionStart(new Date(current.getTime() - 1), granularity);
  if (output.streaming) {
    return [
      {
        partition: previous,
        written: nextPartitionStart(previous, granularity),
      },
      { partition: current, written: at, until: at },
    ];
  }
  return [
    {
      partition:
        output.nominalStart === undefined
          ? previous
          : partitionStart(new Date(output.nominalStart), granularity),
      written: at,
    },
  ];
}
