import { Parser } from 'node-sql-parser/build/bigquery';
import {
  addressForms,
  namesTable,
  replaceTableReferences,
  TableAddress,
} from './tableReferences';

// Only the BigQuery grammar (about 200 kB of plain JavaScript, no Node
// built-ins): custom checks are written in the language of the endpoint's
// store, a BigQuery table.
let parser: Parser | undefined;

type ParsedQuery = { tableList: string[]; statements: { type: string }[] };

function parse(sql: string): ParsedQuery {
  parser ??= new Parser();
  const { tableList, ast } = parser.parse(sql, { database: 'bigquery' });
  const statements = (Array.isArray(ast) ? ast : [ast]).filter(Boolean);
  return { tableList, statements: statements as { type: string }[] };
}

function parseErrorMessage(error: unknown): string {
  const location = (error as { location?: { start?: any } }).location?.start;
  const found = /but (.+) found\.?$/.exec(String((error as Error).message));
  const near = found ? ` (unexpected ${found[1]})` : '';
  return location
    ? `does not parse as BigQuery SQL at line ${location.line}, column ${location.column}${near}`
    : `does not parse as BigQuery SQL${near}`;
}

/** `select::project.dataset::table` -> [project, dataset, table] */
function tableParts(entry: string): string[] {
  const [, db, table] = entry.split('::');
  return [...(db && db !== 'null' ? db.split('.') : []), ...table.split('.')];
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * What is wrong with a custom_sql check's query, or undefined: it must parse
 * as BigQuery SQL and be a single SELECT (no DML, no DDL, no script). With
 * the endpoint's table address, it must also read that table, by its name
 * (`t`), `dataset.t` or `project.dataset.t`, bare or in backticks, so that a
 * run can limit it to one partition.
 */
export function customSqlProblem(
  sql: string,
  table?: TableAddress,
): string | undefined {
  let parsed: ParsedQuery;
  try {
    parsed = parse(sql);
  } catch (error) {
    return parseErrorMessage(error);
  }
  if (parsed.statements.length !== 1) {
    return `must be a single SELECT statement, not ${parsed.statements.length} statements`;
  }
  const type = parsed.statements[0].type.toUpperCase();
  if (type !== 'SELECT') {
    return `must be a SELECT returning the failing rows, not ${article(
      type,
    )} ${type}`;
  }
  if (!table) return undefined;
  const forms = addressForms(table).map(f => f.join('.'));
  const reads = parsed.tableList.some(entry =>
    namesTable(tableParts(entry), table),
  );
  if (!reads) {
    return `must read the endpoint's table (${forms.join(
      ', ',
    )}) so that it can be limited to the partition checked`;
  }
  // Every reference the parser sees must be one we can point elsewhere;
  // one we cannot would read the whole table instead of the partition.
  const scoped = replaceTableReferences(sql, table, `\`${table.table}\``);
  const left = parse(scoped.sql).tableList.filter(entry => {
    const parts = tableParts(entry);
    return parts.length > 1 && namesTable(parts, table);
  });
  if (left.length > 0) {
    return `names the table as ${tableParts(left[0]).join(
      '.',
    )} in a way that cannot be limited to a partition; write it in backticks: \`${
      forms[forms.length - 1]
    }\``;
  }
  return undefined;
}

/**
 * The query with every reference to the table replaced by `name` (the
 * quoted name of a CTE that holds only the partition checked), or why it
 * cannot be: the problems {@link customSqlProblem} reports. Trailing
 * semicolons are dropped, so the query can be a sub-select.
 */
export function scopeCustomSql(
  sql: string,
  table: TableAddress,
  name: string,
): { sql: string } | { problem: string } {
  const problem = customSqlProblem(sql, table);
  if (problem) return { problem };
  const scoped = replaceTableReferences(sql, table, name).sql;
  return { sql: scoped.replace(/[\s;]+$/, '') };
}
