import type { TimePartitioning } from '@dataplatform/backstage-plugin-data-platform-common';

const GRANULARITIES = new Set(['HOUR', 'DAY', 'MONTH', 'YEAR']);
const INGESTION_TIME = new Set(['_PARTITIONTIME', '_PARTITIONDATE']);

const unquote = (name: string) => name.trim().replace(/^`|`$/g, '');

/**
 * The time partitioning a table's DDL declares (the expression after
 * `PARTITION BY` in INFORMATION_SCHEMA.TABLES.ddl):
 * - `TIMESTAMP_TRUNC(event_time, HOUR)`, `DATETIME_TRUNC(..)`,
 *   `DATE_TRUNC(..)`: that granularity on that column;
 * - `DATE(event_time)` or a DATE column alone: daily on that column;
 * - `_PARTITIONDATE`, `TIMESTAMP_TRUNC(_PARTITIONTIME, HOUR)`: by arrival.
 * Integer-range partitioning (`RANGE_BUCKET`) is no time partitioning and
 * reads as undefined, as does a table without the clause.
 */
export function parseTimePartitioning(
  expression: string | null | undefined,
): TimePartitioning | undefined {
  if (!expression) return undefined;
  const text = expression.trim();
  const truncated =
    /^(?:TIMESTAMP|DATETIME|DATE)_TRUNC\(\s*([^,]+?)\s*,\s*([A-Z]+)\s*\)$/i.exec(
      text,
    );
  let column: string;
  let granularity: string;
  if (truncated) {
    column = unquote(truncated[1]);
    granularity = truncated[2].toUpperCase();
  } else {
    const date = /^DATE\(\s*([^)]+?)\s*\)$/i.exec(text);
    if (date) column = unquote(date[1]);
    else if (/^`?[A-Za-z_][A-Za-z0-9_]*`?$/.test(text)) column = unquote(text);
    else return undefined;
    granularity = 'DAY';
  }
  if (!GRANULARITIES.has(granularity)) return undefined;
  const partitioning = {
    granularity: granularity as TimePartitioning['granularity'],
  };
  return INGESTION_TIME.has(column.toUpperCase())
    ? partitioning
    : { ...partitioning, field: column };
}
