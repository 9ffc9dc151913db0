import {
  fieldMode,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { isIdField } from './sampleEvents';

const SHARE = /^share_of_(.+)$/;
const NUMBER_TYPES = ['INT64', 'FLOAT64', 'NUMERIC', 'BIGNUMERIC'];
/** NUMERIC's scale in BigQuery (and the local warehouse's numeric(38, 9)). */
const SCALE = 1e9;

/**
 * The columns a row's dimensions are read from: scalar columns that are
 * neither an id (an entity such as the track) nor a number (a measure).
 */
function dimensionsOf(fields: SchemaField[]): string[] {
  return fields
    .filter(
      f =>
        fieldMode(f) !== 'REPEATED' &&
        !['RECORD', 'JSON', ...NUMBER_TYPES].includes(f.type) &&
        !isIdField(f.name),
    )
    .map(f => f.name);
}

/**
 * Rows whose share columns hold what their name says: a column
 * `share_of_<measure>` next to a number column `<measure>` is the row's
 * measure over the total measure of the rows with the same dimensions
 * (`dimensionsOf`: e.g. month, country and plan, not the track), so the
 * shares of each group sum to one, rounded to NUMERIC's 9 decimals with
 * the remainder on the group's last row. A null share (a NULLABLE column,
 * a null burst) stays null and counts in no total; a group whose
 * measures are all zero shares equally.
 */
export function withShares(
  rows: Record<string, unknown>[],
  fields: SchemaField[],
): Record<string, unknown>[] {
  const dimensions = dimensionsOf(fields);
  const shares = fields.flatMap(f => {
    const measure = SHARE.exec(f.name)?.[1];
    const measured = fields.find(m => m.name === measure);
    return measured && NUMBER_TYPES.includes(measured.type)
      ? [{ share: f.name, measure: measured.name }]
      : [];
  });
  const result = rows.map(row => ({ ...row }));
  for (const { share, measure } of shares) {
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const row of result) {
      if (row[share] === null || row[share] === undefined) continue;
      if (typeof row[measure] !== 'number') {
        row[share] = null;
        continue;
      }
      const key = JSON.stringify(dimensions.map(d => row[d] ?? null));
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const group of groups.values()) {
      const total = group.reduce((sum, r) => sum + (r[measure] as number), 0);
      let given = 0;
      group.forEach((row, index) => {
        const exact =
          total > 0 ? (row[measure] as number) / total : 1 / group.length;
        const value =
          index === group.length - 1
            ? Math.round((1 - given) * SCALE) / SCALE
            : Math.round(exact * SCALE) / SCALE;
        given += value;
        row[share] = value;
      });
    }
  }
  return result;
}
