import { COLUMN_SEGMENT, defaultColumnExpression } from './sqlDialects';
import { fieldAtColumnPath } from './fieldPaths';
import type { QualityDialect, QualityTarget } from './types';

/**
 * Reads column paths of the target as SQL: the runner's mapping, else the
 * dialect's default. A path whose segments are not plain names is refused
 * (the compiler writes paths into SQL, so they must be names, not SQL).
 */
export function columnReader(target: QualityTarget, dialect: QualityDialect) {
  return (path: string): { sql: string } | { problem: string } => {
    if (!path.split('.').every(segment => COLUMN_SEGMENT.test(segment))) {
      return {
        problem: `"${path}" is not a column path (names of letters, digits and underscores, joined by dots)`,
      };
    }
    const field = target.fields
      ? fieldAtColumnPath(target.fields, path)?.field
      : undefined;
    const read =
      target.columnExpression ??
      ((p, f) => defaultColumnExpression(dialect, p, f));
    return { sql: read(path, field) };
  };
}
