/** A binding written as a SQL literal: strings quoted (quotes doubled), null as NULL. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** Where a quoted string, quoted name or comment starting at `i` ends (exclusive), or -1. */
function skipQuoted(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2;
        else return j + 1;
      } else if (sql[j] === '\\' && c !== '"') {
        j += 2;
      } else {
        j++;
      }
    }
    return sql.length;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return -1;
}

/**
 * The query as it can be pasted into a SQL console: each positional `?`
 * outside strings, quoted names and comments replaced by its binding as a
 * literal. Undefined when the placeholders and bindings do not pair up,
 * so a page shows the query and its bindings apart instead.
 */
export function sqlWithBindings(
  sql: string,
  bindings: unknown[] = [],
): string | undefined {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const end = skipQuoted(sql, i);
    if (end >= 0) {
      out += sql.slice(i, end);
      i = end;
    } else if (sql[i] === '?') {
      if (next >= bindings.length) return undefined;
      out += literal(bindings[next++]);
      i++;
    } else {
      out += sql[i++];
    }
  }
  return next === bindings.length ? out : undefined;
}
