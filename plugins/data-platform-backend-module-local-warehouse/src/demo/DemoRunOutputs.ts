import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  OpenLineageEventHandler,
  preparedFor,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { partitionStart } from '../warehouse/partitionTime';
import type { TableRef } from '../warehouse/physicalNames';
import { runOutputRows } from './runOutputRows';

/** What a COMPLETE run says it wrote: its BigQuery outputs, and when. */
export type RunOutput = {
  table: TableRef;
  /** The run's `nominalTime` facet's start, ms, when it has one. */
  nominalStart?: number;
  /** When the run completed (the event's time), ms. */
  completedAt: number;
};

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
 * and its freshness fails, as the pipeline's health says. Rows go to the
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
    if (event.eventType !== 'COMPLETE') return [];
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
          ...(Number.isFinite(nominalStart) ? { nominalStart } : {}),
          completedAt: validated.eventTime,
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
    ]);
    this.waiting.delete(key);
    this.waiting.set(key, output);
    if (this.waiting.size > MAX_WAITING) {
      this.waiting.delete(this.waiting.keys().next().value!);
    }
  }

  /** Writes a run's output partition; a failure is logged, never fails the ingestion. */
  private async land(output: RunOutput): Promise<number> {
    const { warehouse, pseudonymizationKey, logger } = this.options;
    const { project, dataset, table: id } = output.table;
    try {
      const table = await warehouse.table(output.table);
      if (!table) return 0;
      const granularity = table.timePartitioning?.granularity;
      const partition = granularity
        ? partitionStart(
            new Date(
              output.nominalStart ??
                partitionStart(
                  new Date(output.completedAt),
                  granularity,
                ).getTime() - 1,
            ),
            granularity,
          )
        : undefined;
      const written = new Date(output.completedAt);
      const report = await warehouse.replacePartition(
        output.table,
        partition,
        runOutputRows(table, partition, written, pseudonymizationKey),
        { written },
      );
      for (const refused of report.refused.slice(0, 1)) {
        logger.warn(
          `The demo run output into ${project}.${dataset}.${id} refused ${report.refused.length} rows, e.g.: ${refused.message}`,
        );
      }
      return report.landed;
    } catch (error) {
      logger.warn(
        `The demo run output into ${project}.${dataset}.${id} landed nothing: ${
          (error as Error).message
        }`,
      );
      return 0;
    }
  }
}
