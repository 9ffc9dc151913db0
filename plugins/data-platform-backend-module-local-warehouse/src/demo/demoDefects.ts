import {
  fieldMode,
  SchemaField,
  TimePartitioning,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * What goes wrong in a partition of the dev demo, so that a fresh portal
 * shows failing checks next to passing ones: a burst of nulls in one
 * column, events delivered twice (their ids repeated), or a thin partition.
 */
export type DemoDefect = 'null-burst' | 'duplicate-keys' | 'thin-partition';

type Granularity = TimePartitioning['granularity'];

/** Of every ten partitions, the one with each defect (the other seven are clean). */
const DEFECT_AT: Record<number, DemoDefect> = {
  3: 'null-burst',
  6: 'duplicate-keys',
  9: 'thin-partition',
};

/** In a thin partition, only the batches of every tenth minute land: a tenth of its rows. */
const THIN_EVERY_MINUTES = 10;

/** Events of each batch replaced by a second delivery of an earlier one. */
const REDELIVERED = 2;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A partition's number since the epoch in its granularity (hours for an unpartitioned table). */
function partitionNumber(start: Date, granularity: Granularity): number {
  switch (granularity) {
    case 'YEAR':
      return start.getUTCFullYear();
    case 'MONTH':
      return start.getUTCFullYear() * 12 + start.getUTCMonth();
    case 'DAY':
      return Math.floor(start.getTime() / DAY_MS);
    default:
      return Math.floor(start.getTime() / HOUR_MS);
  }
}

/**
 * The defect the demo writes into the partition starting at `start`, if
 * any, by the partition's number since the epoch modulo 10: 3 a burst of
 * nulls, 6 duplicate keys, 9 a thin partition. Deterministic, so that
 * tests and people can tell which partitions should fail.
 */
export function demoDefectOf(
  start: Date,
  granularity: Granularity,
): DemoDefect | undefined {
  return DEFECT_AT[partitionNumber(start, granularity) % 10];
}

const TIME_TYPES = ['TIMESTAMP', 'DATE', 'DATETIME', 'TIME'];

/**
 * The column a burst of nulls empties: the first top-level NULLABLE
 * scalar field that is no time (the partition column may be one) and has
 * no PII mark (a dropped field is null anyway).
 */
export function nullBurstColumn(fields: SchemaField[]): string | undefined {
  return fields.find(
    f =>
      fieldMode(f) === 'NULLABLE' &&
      f.type !== 'RECORD' &&
      f.type !== 'JSON' &&
      !TIME_TYPES.includes(f.type) &&
      !f.pii,
  )?.name;
}

/** Whether a thin partition takes the batch of the minute `at` is in. */
export function thinPartitionLands(at: Date): boolean {
  return at.getUTCMinutes() % THIN_EVERY_MINUTES === 0;
}

/**
 * A minute's batch of sample events with the partition's defect: the
 * null-burst column set to null in every event, or the last events
 * replaced by second deliveries of the first ones (the same event, its id
 * included), or, in a thin partition, nothing but every tenth minute.
 */
export function withDemoDefect(
  defect: DemoDefect | undefined,
  events: Record<string, unknown>[],
  fields: SchemaField[],
  at: Date,
): Record<string, unknown>[] {
  switch (defect) {
    case 'null-burst': {
      const column = nullBurstColumn(fields);
      return column ? events.map(e => ({ ...e, [column]: null })) : events;
    }
    case 'duplicate-keys': {
      const repeated = Math.min(REDELIVERED, Math.floor(events.length / 2));
      return [
        ...events.slice(0, events.length - repeated),
        ...events.slice(0, repeated).map(e => ({ ...e })),
      ];
    }
    case 'thin-partition':
      return thinPartitionLands(at) ? events : [];
    default:
      return events;
  }
}

/**
 * All rows of a partition a run wrote at once (a derived table's output)
 * with the partition's defect: as `withDemoDefect`, except that a thin
 * partition keeps a tenth of the rows.
 */
export function partitionWithDemoDefect(
  defect: DemoDefect | undefined,
  rows: Record<string, unknown>[],
  fields: SchemaField[],
): Record<string, unknown>[] {
  if (defect === 'thin-partition') {
    return rows.slice(0, Math.ceil(rows.length / THIN_EVERY_MINUTES));
  }
  // Any time does: only a thin partition looks at the minute.
  return withDemoDefect(defect, rows, fields, new Date(0));
}
