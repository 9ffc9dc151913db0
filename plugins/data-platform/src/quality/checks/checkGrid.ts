import type {
  EndpointQuality,
  QualityResultType,
  QualityResultView,
  QualitySeverity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { isEmittedSource } from '../format/presentation';

/**
 * A partition of the grid; `key` '' is an unpartitioned table's one
 * column. `fillingUntil`: the partition is not complete, and is judged
 * from then on (ISO 8601).
 */
export type GridColumn = {
  key: string;
  partition?: string;
  fillingUntil?: string;
};

/** A check (declared, or reported by an emitter) and its result per partition. */
export type GridRow = {
  key: string;
  name: string;
  type?: QualityResultType;
  column?: string;
  severity?: QualitySeverity;
  /** The emitter that reported it (dbt, great_expectations, soda); unset for the runner's. */
  emitter?: string;
  declared: boolean;
  cells: Record<string, QualityResultView | undefined>;
};

export type CheckGridModel = { columns: GridColumn[]; rows: GridRow[] };

/** A result's row: a runner's result under its check, an emitter's apart. */
function rowKey(result: { name: string; source: string }): string {
  return isEmittedSource(result.source)
    ? `${result.name}\u0000${result.source}`
    : result.name;
}

/**
 * Partitions x checks, newest partition first: a row per declared check
 * (in the order declared) and per check only an emitter reports (by name),
 * each cell that check's latest result on that partition.
 */
export function checkGrid(quality: EndpointQuality): CheckGridModel {
  const filling = new Map(
    (quality.filling ?? []).map(f => [f.partition, f.completeAt]),
  );
  const columns: GridColumn[] = quality.partitions.length
    ? quality.partitions.map(p => ({
        key: p,
        partition: p,
        ...(filling.has(p) ? { fillingUntil: filling.get(p) } : {}),
      }))
    : [{ key: '' }];
  const rows = new Map<string, GridRow>();
  for (const check of quality.checks) {
    rows.set(check.name, {
      key: check.name,
      name: check.name,
      type: check.type,
      column: check.column,
      severity: check.severity,
      declared: true,
      cells: {},
    });
  }
  const reported: GridRow[] = [];
  const newestFirst = [...quality.results].sort(
    (a, b) => Date.parse(b.evaluatedAt) - Date.parse(a.evaluatedAt),
  );
  for (const result of newestFirst) {
    const key = rowKey(result);
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        name: result.name,
        type: result.type,
        column: result.column,
        severity: result.severity,
        ...(isEmittedSource(result.source) ? { emitter: result.source } : {}),
        declared: false,
        cells: {},
      };
      rows.set(key, row);
      reported.push(row);
    }
    const column = result.partition ?? '';
    row.cells[column] ??= result;
  }
  reported.sort((a, b) => a.name.localeCompare(b.name));
  return {
    columns,
    rows: [...rows.values()].filter(r => r.declared).concat(reported),
  };
}

/** Each row's newest result, when it failed or could not be measured. */
export function failingNow(model: CheckGridModel): QualityResultView[] {
  return model.rows.flatMap(row => {
    const newest = model.columns
      .map(c => row.cells[c.key])
      .find(r => r !== undefined);
    return newest && (newest.status === 'fail' || newest.status === 'error')
      ? [newest]
      : [];
  });
}
