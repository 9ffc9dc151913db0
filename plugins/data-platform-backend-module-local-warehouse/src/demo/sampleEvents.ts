import {
  exampleEvent,
  fieldMode,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** Chance that a NULLABLE field of a sample event is null. */
const NULL_CHANCE = 0.1;
/** Distinct values of a non-unique id field (users, devices, tracks repeat). */
const ID_POOL = 100;
/** Distinct values of other STRING fields. */
const WORD_POOL = 20;

/** Time fields are always set: one of them is the partition column. */
const TIME_TYPES = ['TIMESTAMP', 'DATE', 'DATETIME'];

const UNIQUE_ID = /(^|_)(event|message)_?id$|uuid/i;
const ID = /(^|_)id$|[a-z]Id$|(^|_)isrc$/;

/**
 * True for a field naming an entity: `user_id`, `trackId`, or a standard
 * recording code (`isrc`), as opposed to a dimension such as `country`.
 */
export function isIdField(name: string): boolean {
  return UNIQUE_ID.test(name) || ID.test(name);
}

/** How sample values are made beyond the schema. */
export type SampleOptions = {
  /**
   * The row's number in a derived table, which holds one row per key:
   * every id field that is not an event id takes it (`user-000042`)
   * instead of a value from the pool, so keys are unique in the partition.
   */
  rowNumber?: number;
};

function stringValue(
  field: SchemaField,
  random: () => number,
  options: SampleOptions,
): string {
  const pick = (n: number) => 1 + Math.floor(random() * n);
  if (UNIQUE_ID.test(field.name)) {
    return Array.from({ length: 4 }, () =>
      Math.floor(random() * 0x10000)
        .toString(16)
        .padStart(4, '0'),
    ).join('');
  }
  if (ID.test(field.name)) {
    const base = field.name.replace(/_?id$/i, '');
    return options.rowNumber === undefined
      ? `${base}-${String(pick(ID_POOL)).padStart(3, '0')}`
      : `${base}-${String(options.rowNumber).padStart(6, '0')}`;
  }
  return `${field.name}-${pick(WORD_POOL)}`;
}

function scalarValue(
  field: SchemaField,
  at: Date,
  random: () => number,
  options: SampleOptions,
): unknown {
  const iso = at.toISOString();
  switch (field.type) {
    case 'RECORD':
      return sampleEvent(field.fields ?? [], at, random, options);
    case 'TIMESTAMP':
      return iso;
    case 'DATE':
      return iso.slice(0, 10);
    case 'DATETIME':
      return iso.slice(0, 19);
    case 'TIME':
      return iso.slice(11, 19);
    case 'STRING':
      return stringValue(field, random, options);
    case 'INT64':
      return Math.floor(random() * 1000);
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return Math.round(random() * 100_000) / 100;
    case 'BOOL':
      return random() < 0.5;
    case 'BYTES':
      return Buffer.from(
        Array.from({ length: 4 }, () => Math.floor(random() * 256)),
      ).toString('base64');
    case 'JSON':
      return { sample: Math.floor(random() * 1000) };
    default:
      // INTERVAL, GEOGRAPHY: the schema's example value.
      return exampleEvent([field])[field.name];
  }
}

/**
 * A sample event of an event type's schema, as a producer would send it:
 * every REQUIRED and time field set, other NULLABLE ones sometimes null, REPEATED ones with
 * one to three values, every time field at `at`. Values vary: event ids
 * are unique, other ids repeat within a pool of 100 (so tokens join),
 * numbers and flags are random. With `rowNumber`, ids are the row's
 * number instead (see `SampleOptions`).
 */
export function sampleEvent(
  fields: SchemaField[],
  at: Date,
  random: () => number = Math.random,
  options: SampleOptions = {},
): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const field of fields) {
    const mode = fieldMode(field);
    if (mode === 'REPEATED') {
      const count = 1 + Math.floor(random() * 3);
      event[field.name] = Array.from({ length: count }, () =>
        scalarValue(field, at, random, options),
      );
    } else if (
      mode === 'NULLABLE' &&
      !TIME_TYPES.includes(field.type) &&
      random() < NULL_CHANCE
    ) {
      event[field.name] = null;
    } else {
      event[field.name] = scalarValue(field, at, random, options);
    }
  }
  return event;
}
