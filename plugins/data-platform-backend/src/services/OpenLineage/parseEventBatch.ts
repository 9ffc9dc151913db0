import { InputError } from '@backstage/errors';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import {
  arrayElements,
  isJsonWhitespace,
  nestingDepth,
} from './jsonBodyScanner';
import { PayloadTooLargeError } from './PayloadTooLargeError';

const NEWLINE = 0x0a;
const OPEN_ARRAY = 0x5b;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Media types of one JSON document a line. */
const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
  'application/json-lines',
]);

/** What the ingestion reads, for a 415's message. */
export const ACCEPTED_CONTENT_TYPES =
  'application/json (one event or an array of events) or application/x-ndjson (one event a line)';

/**
 * How a body of events is written, by its Content-Type (parameters such as
 * `charset` aside): `json` for application/json and any `+json` type,
 * `ndjson` for the NDJSON and JSON Lines types, undefined for anything else
 * (a 415).
 */
export function eventBodyFormat(
  contentType: string | undefined,
): 'json' | 'ndjson' | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (NDJSON_TYPES.has(type)) return 'ndjson';
  if (type === 'application/json' || /^application\/[^/]+\+json$/.test(type)) {
    return 'json';
  }
  return undefined;
}

/** What one request may hold (`dataPlatform.openLineage`). */
export type BatchLimits = {
  /** Most events in one request (`maxEventsPerRequest`). */
  maxEvents: number;
  /**
   * How deeply an event's objects and arrays may nest, the event itself
   * being 1 (`maxNestingDepth`).
   */
  maxDepth: number;
};

/** The defaults of `BatchLimits`: far above what real emitters send. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  maxEvents: 10_000,
  maxDepth: 64,
};

/** The events of a request body, and the JSON text each was parsed from. */
export type ParsedEventBatch = {
  values: unknown[];
  texts?: string[];
  /**
   * Why an event could not be read, by its index (its value is undefined):
   * an NDJSON line that is not JSON, an event nested too deep.
   */
  unreadable?: Map<number, string>;
};

function tooMany(limits: BatchLimits): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The request holds more than ${limits.maxEvents} events (dataPlatform.openLineage.maxEventsPerRequest); send fewer events per request`,
  );
}

const tooDeep = (limits: BatchLimits) =>
  `nests objects and arrays deeper than ${limits.maxDepth} levels (dataPlatform.openLineage.maxNestingDepth)`;

/**
 * The events of an NDJSON body: one event a line, blank lines ignored. The
 * lines are found in the bytes and each is decoded on its own: a newline byte
 * never occurs inside a UTF-8 sequence, and decoding a line at a time keeps
 * each string small (V8 decodes a multi-megabyte body into one string at a
 * small fraction of the speed, ~8 ns a byte against ~0.2 here, measured on
 * Node 22).
 */
async function parseNdjson(
  bytes: Buffer,
  limits: BatchLimits,
  budget: EventLoopBudget,
): Promise<ParsedEventBatch> {
  const values: unknown[] = [];
  const texts: string[] = [];
  const unreadable = new Map<number, string>();
  let lineNumber = 0;
  for (let start = 0; start < bytes.length; ) {
    if (budget.spent()) await budget.yield();
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    lineNumber++;
    // trim() also drops a byte order mark at the start of a line.
    const text = bytes.toString('utf8', start, end).trim();
    const lineStart = start;
    start = end + 1;
    if (!text) continue;
    const index = values.length;
    if (index === limits.maxEvents) throw tooMany(limits);
    texts.push(text);
    if (
      nestingDepth(bytes, lineStart, end, limits.maxDepth) > limits.maxDepth
    ) {
      values.push(undefined);
      unreadable.set(index, `${tooDeep(limits)} (line ${lineNumber})`);
      continue;
    }
    try {
      values.push(JSON.parse(text));
    } catch (error) {
      values.push(undefined);
      unreadable.set(
        index,
        `is not valid JSON (line ${lineNumber}: ${
          (error as Error).message
        }); NDJSON needs one event per line`,
      );
    }
  }
  return { values, texts, unreadable };
}

const notJson = (detail: string) =>
  new InputError(
    `Body is not valid JSON (${detail}); send one event, a JSON array of events, or NDJSON with Content-Type application/x-ndjson`,
  );

/**
 * The events of a JSON body: one event, or a JSON array of events whose
 * elements are found in the bytes (see `arrayElements`) and parsed one at a
 * time, each keeping its own text.
 */
async function parseJson(
  bytes: Buffer,
  limits: BatchLimits,
  budget: EventLoopBudget,
): Promise<ParsedEventBatch> {
  let first = 0;
  while (first < bytes.length && isJsonWhitespace(bytes[first])) first++;
  if (first === bytes.length) return { values: [], texts: [] };
  const unreadable = new Map<number, string>();
  if (bytes[first] !== OPEN_ARRAY) {
    // One event of up to maxBodySize: its scan, decoding and parsing take
    // a slice each (about 30, 10 and 50 ms for 10 MB), not one together.
    const depth = nestingDepth(bytes, first, bytes.length, limits.maxDepth);
    if (budget.spent()) await budget.yield();
    const text = bytes.toString('utf8', first).trim();
    if (depth > limits.maxDepth) {
      unreadable.set(0, tooDeep(limits));
      return { values: [undefined], texts: [text], unreadable };
    }
    if (budget.spent()) await budget.yield();
    try {
      return { values: [JSON.parse(text)], texts: [text] };
    } catch (error) {
      throw notJson((error as Error).message);
    }
  }
  const values: unknown[] = [];
  const texts: string[] = [];
  for (const element of arrayElements(bytes, first, bytes.length)) {
    const index = values.length;
    if (index === limits.maxEvents) throw tooMany(limits);
    const text = bytes.toString('utf8', element.start, element.end);
    texts.push(text);
    if (element.depth > limits.maxDepth) {
      values.push(undefined);
      unreadable.set(index, tooDeep(limits));
      continue;
    }
    try {
      values.push(JSON.parse(text));
    } catch (error) {
      throw notJson(`event ${index}: ${(error as Error).message}`);
    }
    if (budget.spent()) await budget.yield();
  }
  return { values, texts, unreadable };
}

/**
 * The events of a request body: one JSON event, a JSON array of events, or
 * NDJSON (one event per line, blank lines ignored). Element order is event
 * order; validation reports events by this index. Work is bounded by
 * `limits` (more events is a 413; an event nested deeper is left unread,
 * both found before anything deep is built), and the event loop is handed
 * back between slices of `budget`. An NDJSON line that is not JSON is left
 * unread too; a JSON body that is not JSON is a 400 (one document).
 */
export async function parseEventBatch(
  body: string | Buffer,
  options: {
    ndjson: boolean;
    limits?: BatchLimits;
    budget?: EventLoopBudget;
  },
): Promise<ParsedEventBatch> {
  let bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  // A byte order mark is no part of the JSON: one at the start is ignored.
  if (bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
  const limits = options.limits ?? DEFAULT_BATCH_LIMITS;
  const budget = options.budget ?? new EventLoopBudget();
  const batch = options.ndjson
    ? await parseNdjson(bytes, limits, budget)
    : await parseJson(bytes, limits, budget);
  if (batch.values.length === 0) {
    throw new InputError('The request holds no OpenLineage events');
  }
  return batch;
}
