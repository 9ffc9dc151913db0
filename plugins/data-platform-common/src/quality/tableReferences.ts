/**
 * Finds a table's references in the text of BigQuery (GoogleSQL) query, the
 * language custom_sql checks are written in, so that they can be pointed at
 * the partition being checked. Strings, comments and function names are
 * left alone; the rest of the text is kept as written.
 */

/** A BigQuery table's address, as the endpoint's location gives it. */
export type TableAddress = {
  project?: string;
  dataset?: string;
  table: string;
};

/** The names a query may use for a table: `t`, `d.t` and `p.d.t`. */
export function addressForms(address: TableAddress): string[][] {
  const forms = [[address.table]];
  if (address.dataset) {
    forms.push([address.dataset, address.table]);
    if (address.project) {
      forms.push([address.project, address.dataset, address.table]);
    }
  }
  return forms;
}

/** Whether dotted name parts name the table (by any of its forms). */
export function namesTable(parts: string[], address: TableAddress): boolean {
  return addressForms(address).some(
    form =>
      form.length === parts.length && form.every((p, i) => p === parts[i]),
  );
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
const STRING_PREFIX = /^(?:r|b|rb|br)$/i;

type NameChain = { start: number; end: number; parts: string[] };

function skipQuoted(sql: string, at: number): number {
  const quote = sql[at];
  const triple = sql.startsWith(quote.repeat(3), at);
  const close = triple ? quote.repeat(3) : quote;
  let i = at + close.length;
  while (i < sql.length) {
    if (sql[i] === '\\') {
      i += 2;
    } else if (sql.startsWith(close, i)) {
      return i + close.length;
    } else {
      i++;
    }
  }
  return sql.length;
}

function readIdentifier(sql: string, at: number): number {
  let i = at;
  while (i < sql.length && IDENTIFIER_PART.test(sql[i])) i++;
  return i;
}

/** One name segment at `at` (bare or in backticks), or undefined. */
function readSegment(
  sql: string,
  at: number,
): { end: number; parts: string[] } | undefined {
  if (sql[at] === '`') {
    const end = skipQuoted(sql, at);
    // A quoted segment may hold a whole path: `project.dataset.table`.
    return { end, parts: sql.slice(at + 1, end - 1).split('.') };
  }
  if (at < sql.length && IDENTIFIER_START.test(sql[at])) {
    const end = readIdentifier(sql, at);
    return { end, parts: [sql.slice(at, end)] };
  }
  return undefined;
}

/** Every dotted name in the query that is not a function call, in order. */
function nameChains(sql: string): NameChain[] {
  const chains: NameChain[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      i = sql.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '#') {
      i = sql.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"') {
      i = skipQuoted(sql, i);
    } else if (/[0-9]/.test(c)) {
      // A number, exponent and all (1e5 is no name).
      while (i < sql.length && /[0-9A-Za-z_.]/.test(sql[i])) i++;
    } else if (c === '`' || IDENTIFIER_START.test(c)) {
      const first = readSegment(sql, i)!;
      const word = sql.slice(i, first.end);
      if (STRING_PREFIX.test(word) && /['"]/.test(sql[first.end] ?? '')) {
        i = skipQuoted(sql, first.end);
        continue;
      }
      const chain: NameChain = { start: i, end: first.end, parts: first.parts };
      while (sql[chain.end] === '.') {
        const next = readSegment(sql, chain.end + 1);
        if (!next) break;
        chain.parts.push(...next.parts);
        chain.end = next.end;
      }
      i = chain.end;
      const following = /^\s*\(/.test(sql.slice(chain.end, chain.end + 64));
      if (!following) chains.push(chain);
    } else {
      i++;
    }
  }
  return chains;
}

/**
 * Replaces every reference to the table in a BigQuery query by
 * `replacement`, returning the new text and how many were replaced. A
 * reference is a name equal to one of the table's forms (`t`, `d.t`,
 * `p.d.t`), bare or in backticks, outside strings and comments.
 */
export function replaceTableReferences(
  sql: string,
  address: TableAddress,
  replacement: string,
): { sql: string; replaced: number } {
  let result = '';
  let from = 0;
  let replaced = 0;
  for (const chain of nameChains(sql)) {
    if (!namesTable(chain.parts, address)) continue;
    result += sql.slice(from, chain.start) + replacement;
    from = chain.end;
    replaced++;
  }
  return { sql: result + sql.slice(from), replaced };
}
