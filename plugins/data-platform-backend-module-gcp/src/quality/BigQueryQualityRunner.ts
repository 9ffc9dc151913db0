import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  compileDuplicateKeys,
  compilePartitionChecks,
  emptyPartitionMetrics,
  readScanRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  PartitionMetadataRow,
  QualityQueryCost,
  QualityRunner,
  QualityRunOutcome,
  QualityRunRequest,
  QualityTable,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { BigQuery } from '@google-cloud/bigquery';
import { Clock, systemClock } from '../calls/clock';
import { GoogleApiCaller, RetryPolicy } from '../calls/GoogleApiCaller';
import { bigQueryOptions, GoogleClientOptions } from '../clients';
import type { GcpQualityConfig } from '../config';
import {
  assertUnderCap,
  CheckJobContext,
  DryRun,
  dryRunCheckQuery,
  queryParams,
  runCheckJob,
} from './checkJobs';
import { jobLabels } from './jobLabels';
import { readLiveSchema } from './liveSchema';
import { readPartitionMetadata } from './partitionMetadata';
import { checkQueryError } from './queryErrors';
import { bigQueryTarget, readableChecks } from './qualityTarget';

/** What the runner is made of; tests inject the clients' transport and the clock. */
export type BigQueryQualityRunnerOptions = {
  config: GcpQualityConfig;
  /** Default: the official client with Application Default Credentials. */
  clients?: GoogleClientOptions;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  random?: () => number;
};

/**
 * Runs endpoints' quality checks in BigQuery, in the table's project: per
 * partition one tables.get (the live columns, for schema_match), a free
 * dry run of each query, refused when it would scan more than the cap,
 * then one job that scans the partition once for every check (and one
 * more for uniqueness of a composite key), capped by
 * `maximumBytesBilled` and labelled with the endpoint and partition. Each
 * job's bytes, slot time and id are reported. Partition metadata comes
 * from INFORMATION_SCHEMA.PARTITIONS without scanning any table.
 */
export class BigQueryQualityRunner implements QualityRunner {
  readonly id = 'bigquery';
  readonly title = 'BigQuery';
  readonly dialect = 'bigquery' as const;

  private readonly config: GcpQualityConfig;
  private readonly clientOptions: GoogleClientOptions;
  private readonly caller: GoogleApiCaller;
  private readonly clock: Clock;
  private readonly clients = new Map<string, BigQuery>();

  constructor(options: BigQueryQualityRunnerOptions) {
    this.config = options.config;
    this.clientOptions = options.clients ?? {};
    this.clock = options.clock ?? systemClock;
    this.caller = new GoogleApiCaller(
      this.clock,
      options.retryPolicy,
      options.random,
    );
  }

  /** Tables in the configured projects (all, when none are configured), as the provisioner's rule. */
  handles(table: QualityTable): boolean {
    const { projects } = this.config;
    return !projects || projects.includes(table.address.project);
  }

  async runPartition(request: QualityRunRequest): Promise<QualityRunOutcome> {
    const { table, partition, signal, logger } = request;
    const { project, dataset, table: name } = table.address;
    const path = `${project}.${dataset}.${name}`;
    const cap = this.config.maximumBytesBilled;
    const bigQuery = this.bigQuery(project);
    try {
      const live = await readLiveSchema(bigQuery, this.caller, table.address, {
        signal,
        logger,
      });
      const target = bigQueryTarget(table, live);
      const { readable, unreadable } = readableChecks(request.checks, live);
      const scan = compilePartitionChecks(
        target,
        readable,
        partition,
        'bigquery',
      );
      const duplicates = compileDuplicateKeys(
        target,
        readable,
        partition,
        'bigquery',
      );
      const queries = duplicates ? [scan, duplicates] : [scan];
      const context = (run: string): CheckJobContext => ({
        bigQuery,
        caller: this.caller,
        cap,
        table: path,
        labels: jobLabels(request.labels, { 'dp-check-run': run }),
        signal,
        now: () => this.clock.now(),
      });
      const runs = queries.map((query, i) => ({
        query,
        params: queryParams(query, target, Boolean(partition)),
        context: context(i === 0 ? 'scan' : 'duplicate-keys'),
      }));
      const dryRuns: DryRun[] = [];
      for (const run of runs) {
        dryRuns.push(
          await dryRunCheckQuery(run.query, run.params, run.context),
        );
      }
      assertUnderCap(dryRuns, runs[0].context);

      const metrics = emptyPartitionMetrics();
      const costs: QualityQueryCost[] = [];
      for (const [i, run] of runs.entries()) {
        const { row, cost } = await runCheckJob(
          run.query,
          run.params,
          dryRuns[i],
          run.context,
        );
        readScanRow(run.query, row, metrics);
        costs.push(cost);
      }
      Object.assign(metrics.errors, unreadable);
      return {
        metrics,
        queries: costs,
        ...(live ? { observedFields: live } : {}),
      };
    } catch (error) {
      if (signal?.aborted) throw error;
      throw checkQueryError(error, { table: path, project, cap });
    }
  }

  /**
   * Rows and last write of each partition since `since`, from
   * INFORMATION_SCHEMA.PARTITIONS: one query per dataset and 1,000
   * tables, each billing at least 10 MB; no table is scanned.
   */
  async partitionMetadata(
    tables: QualityTable[],
    options: { since: string; signal?: AbortSignal; logger: LoggerService },
  ): Promise<Map<string, PartitionMetadataRow[]>> {
    return readPartitionMetadata(
      tables.filter(t => this.handles(t)),
      {
        ...options,
        bigQuery: project => this.bigQuery(project),
        caller: this.caller,
        cap: this.config.maximumBytesBilled,
      },
    );
  }

  /** A client per project: jobs run, and are billed, in the table's project. */
  private bigQuery(project: string): BigQuery {
    let client = this.clients.get(project);
    if (!client) {
      client = new BigQuery(bigQueryOptions(project, this.clientOptions));
      this.clients.set(project, client);
    }
    return client;
  }
}
