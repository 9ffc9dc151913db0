import type {
  FieldType,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * Reads the GoogleSQL type names INFORMATION_SCHEMA gives for columns
 * (`data_type`): `STRING`, `NUMERIC(10, 2)`, `ARRAY<STRING>`,
 * `STRUCT<os STRING NOT NULL, ids ARRAY<INT64>>`, nested to any depth, into
 * schema fields: STRUCT is a RECORD, ARRAY<T> a REPEATED T, `NOT NULL` in a
 * STRUCT a REQUIRED field. Type parameters (lengths, precision) are not part
 * of the catalog's model and are left out.
 */
export type ColumnType = Pick<SchemaField, 'type' | 'mode' | 'fields'>;

const LEGACY_NAMES: Record<string, FieldType> = {
  INTEGER: 'INT64',
  FLOAT: 'FLOAT64',
  BOOLEAN: 'BOOL',
  STRUCT: 'RECORD',
  DECIMAL: 'NUMERIC',
  BIGDECIMAL: 'BIGNUMERIC',
};

type Token = { text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|[<>(),])/gy;
  let end = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = match[1];
    end = pattern.lastIndex;
    tokens.push({ text: raw.startsWith('`') ? raw.slice(1, -1) : raw });
  }
  if (text.slice(end).trim()) {
    throw new Error(`Cannot read the column type ${text}`);
  }
  return tokens;
}

class TypeReader {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  readType(): ColumnType {
    const name = this.next().text.toUpperCase();
    if (name === 'ARRAY') {
      this.expect('<');
      const element = this.readType();
      this.expect('>');
      return { ...element, mode: 'REPEATED' };
    }
    if (name === 'STRUCT' || name === 'RECORD') {
      this.expect('<');
      const fields: SchemaField[] = [];
      while (this.peek() !== '>') {
        fields.push(this.readField());
        if (this.peek() === ',') this.next();
      }
      this.expect('>');
      return { type: 'RECORD', fields };
    }
    this.skipBalanced('(', ')'); // NUMERIC(10, 2), STRING(20)
    if (this.peek() === '<') this.skipBalanced('<', '>'); // RANGE<DATE>
    return { type: (LEGACY_NAMES[name] ?? name) as FieldType };
  }

  private readField(): SchemaField {
    const name = this.next().text;
    const type = this.readType();
    let required = false;
    // What may follow a field's type: NOT NULL, DEFAULT ..., COLLATE '...',
    // OPTIONS(...): only NOT NULL matters here.
    while (this.peek() !== ',' && this.peek() !== '>') {
      const word = this.next().text.toUpperCase();
      if (word === 'NOT' && this.peek()?.toUpperCase() === 'NULL') {
        this.next();
        required = true;
      } else if (word === '(') {
        this.index--;
        this.skipBalanced('(', ')');
      }
    }
    const mode = type.mode ?? (required ? 'REQUIRED' : 'NULLABLE');
    return { name, ...type, mode };
  }

  private skipBalanced(open: string, close: string) {
    if (this.peek() !== open) return;
    let depth = 0;
    do {
      const token = this.next().text;
      if (token === open) depth++;
      else if (token === close) depth--;
    } while (depth > 0);
  }

  private peek(): string | undefined {
    return this.tokens[this.index]?.text;
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new Error(`Cannot read the column type ${this.source}`);
    return token;
  }

  private expect(text: string) {
    if (this.next().text !== text) {
      throw new Error(`Cannot read the column type ${this.source}`);
    }
  }

  done() {
    if (this.index !== this.tokens.length) {
      throw new Error(`Cannot read the column type ${this.source}`);
    }
  }
}

/** Types without nested fields already read: most columns are a handful of them. */
const scalarTypes = new Map<string, ColumnType>();
const MAX_REMEMBERED = 1_000;

/** A column's type, mode (REPEATED for arrays) and nested fields from its `data_type`. */
export function parseColumnType(dataType: string): ColumnType {
  const known = scalarTypes.get(dataType);
  if (known) return { ...known };
  const reader = new TypeReader(tokenize(dataType), dataType);
  const type = reader.readType();
  reader.done();
  if (!type.fields) {
    if (scalarTypes.size >= MAX_REMEMBERED) scalarTypes.clear();
    scalarTypes.set(dataType, type);
    return { ...type };
  }
  return type;
}
