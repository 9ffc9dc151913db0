import type { GridColumn } from './checkGrid';
import { partitionInWords } from './partitionWords';

/** A header cell: what it shows (short) and its whole name (hover, screen readers). */
export type HeaderCell = { key: string; short: string; full: string };

/** The grid's header: day groups over hourly columns, then one cell per column. */
export type GridHeader = {
  days?: { label: string; span: number }[];
  columns: HeaderCell[];
};

/**
 * Hourly partitions get a row of days above their hours ("Mon 7 Dec" over
 * "08:00", "07:00", ...), so columns stay narrow; other partitions show
 * their day in two short lines; an unpartitioned table's one column is
 * "Latest".
 */
export function gridHeader(
  columns: GridColumn[],
  granularity?: string,
): GridHeader {
  const cells = columns.map(c => {
    const words = partitionInWords(c.partition, granularity);
    const full = c.fillingUntil
      ? `${words}, filling: judged from ${partitionInWords(
          c.fillingUntil,
          'HOUR',
        )}`
      : words;
    const time = / (\d\d:\d\d) UTC$/.exec(words);
    const day = words.replace(/ \d\d:\d\d UTC$/, '');
    return {
      key: c.key,
      full,
      day,
      short: time ? time[1] : day.replace(/^(\w+) /, '$1\n'),
    };
  });
  const hourly = granularity === 'HOUR' && cells.length > 0;
  const days: { label: string; span: number }[] = [];
  if (hourly) {
    for (const cell of cells) {
      const last = days[days.length - 1];
      if (last?.label === cell.day) last.span++;
      else days.push({ label: cell.day, span: 1 });
    }
  }
  return {
    ...(hourly ? { days } : {}),
    columns: cells.map(({ key, short, full }) => ({ key, short, full })),
  };
}
