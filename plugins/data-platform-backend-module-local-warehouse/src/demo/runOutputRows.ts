import {
  fieldMode,
  generateAnonymizationTransform,
  runAnonymizationTransform,
  SchemaField,
  TimePartitioning,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { createHash } from 'node:crypto';
import { nextPartitionStart } from '../warehouse/partitionTime';
import type { WarehouseTable } from '../warehouse/types';
import { demoDefectOf, partitionWithDemoDefect } from './demoDefects';
import { sampleEvent } from './sampleEvents';
import { withShares } from './shareColumns';

/**
 * Rows a demo run writes into one partition of its output: a small
 * aggregate's worth, enough for null rates and distinct counts to mean
 * something while the dev database stays small.
 */
export const RUN_OUTPUT_ROWS: Record<TimePartitioning['granularity'], number> =
  {
    HOUR: 60,
    DAY: 240,
    MONTH: 300,
    YEAR: 300,
  };

const DAY_MS = 86_400_000;

/**
 * A generator of numbers in [0, 1) seeded by text (mulberry32 over the
 * start of its SHA-256), so that the same partition gets the same rows
 * however often its run's event is replayed.
 */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const AMOUNT_TYPES = ['NUMERIC', 'BIGNUMERIC'];

/**
 * A sample row's measures as an aggregate holds them: a count (INT64) or
 * an amount (NUMERIC) is at most the one before it in the schema, since
 * totals come before their parts (streams, listeners; gross, net;
 * impressions, clicks), and a FLOAT64 is a fraction (rates, scores). So
 * the usual invariants of derived tables hold on clean partitions.
 */
function asAggregate(
  row: Record<string, unknown>,
  fields: SchemaField[],
  random: () => number,
): Record<string, unknown> {
  const measured = { ...row };
  let count: number | undefined;
  let amount: number | undefined;
  for (const field of fields) {
    const value = measured[field.name];
    if (fieldMode(field) === 'REPEATED' || typeof value !== 'number') continue;
    if (field.type === 'INT64') {
      count = count === undefined ? value : Math.floor(count * random());
      measured[field.name] = count;
    } else if (AMOUNT_TYPES.includes(field.type)) {
      amount =
        amount === undefined
          ? value
          : Math.floor(amount * random() * 100) / 100;
      measured[field.name] = amount;
    } else if (field.type === 'FLOAT64') {
      measured[field.name] = Math.round(random() * 10_000) / 10_000;
    }
  }
  return measured;
}

/**
 * The rows a demo run wrote into its output table's partition starting at
 * `partition` (the whole table when it is unpartitioned, with times in
 * the day before `written`): `RUN_OUTPUT_ROWS` sample rows of the table's
 * schema, times spread over the partition's period, one row per key
 * (every id the row's number), measures as an aggregate's (see
 * `asAggregate`), through the anonymization transform of the
 * table's own PII marks (a pipeline writes its output anonymized), with
 * the defect the partition is scheduled for (see `demoDefectOf`; a thin
 * partition keeps a tenth), and share columns computed over the rows
 * written (see `withShares`). With `until`, only the rows whose times
 * are before it: what a stream wrote into the partition so far. The same
 * table and partition always get the same rows.
 */
export function runOutputRows(
  table: WarehouseTable,
  partition: Date | undefined,
  written: Date,
  pseudonymizationKey: string,
  options: { until?: Date } = {},
): Record<string, unknown>[] {
  const granularity = table.timePartitioning?.granularity;
  const from = partition ?? new Date(written.getTime() - DAY_MS);
  const to =
    partition && granularity
      ? nextPartitionStart(partition, granularity)
      : written;
  const random = seededRandom(
    `${table.physicalName}|${partition?.toISOString() ?? 'unpartitioned'}`,
  );
  const count = RUN_OUTPUT_ROWS[granularity ?? 'DAY'];
  const span = to.getTime() - from.getTime();
  const drafts = Array.from({ length: count }, (_, index) => {
    const at = from.getTime() + Math.floor(random() * span);
    const row = asAggregate(
      sampleEvent(table.fields, new Date(at), random, {
        rowNumber: index + 1,
      }),
      table.fields,
      random,
    );
    return { at, row };
  });
  // All rows are drawn first, so a partition written so far is a part of
  // the whole partition's rows.
  const until = options.until?.getTime() ?? Infinity;
  const rows = drafts.filter(d => d.at < until).map(d => d.row);
  const defective = partition
    ? partitionWithDemoDefect(
        demoDefectOf(partition, granularity!),
        rows,
        table.fields,
      )
    : rows;
  const transform = generateAnonymizationTransform(table.fields, {
    key: pseudonymizationKey,
  });
  return withShares(defective, table.fields).flatMap(row => {
    const landed = runAnonymizationTransform(transform, row);
    return landed ? [landed as Record<string, unknown>] : [];
  });
}
