import { InputError } from '@backstage/errors';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import {
  arrayElements,
  isJsonWhitespace,
  nestingDepth,
} from './jsonBodyScanner';
import { PayloadTooLargeError } from './PayloadTooLargeError';

const NDJSON_TYPES = /ndjson|jsonl|jsonlines|json-seq/i;
const NEWLINE = 0x0a;
const OPEN_ARRAY = 0x5b;

/** Whether a Content-Type announces one JSON document per line. */
export function isNdjson(contentType: string | undefined): boolean {
  return NDJSON_TYPES.test(contentType ?? '');
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
export type ParsedEventBatch = { values: unknown[]; texts?: string[] };

function tooMany(limits: BatchLimits): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The request holds more than ${limits.maxEvents} events (dataPlatform.openLineage.maxEventsPerRequest); send fewer events per request`,
  );
}

function tooDeep(where: string, limits: BatchLimits): InputError {
  return new InputError(
    `${where} nests objects and arrays deeper than ${limits.maxDepth} levels (dataPlatform.openLineage.maxNestingDepth)`,
  );
}

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
  let lineNumber = 0;
  for (let start = 0; start < bytes.length; ) {
    if (budget.spent()) await budget.yield();
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    lineNumber++;
    const text = bytes.toString('utf8', start, end).trim();
    const lineStart = start;
    start = end + 1;
    if (!text) continue;
    if (values.length === limits.maxEvents) throw tooMany(limits);
    if (
      nestingDepth(bytes, lineStart, end, limits.maxDepth) > limits.maxDepth
    ) {
      throw tooDeep(`Line ${lineNumber}`, limits);
    }
    try {
      values.push(JSON.parse(text));
    } catch (error) {
      throw new InputError(
        `Line ${lineNumber} is not valid JSON (${
          (error as Error).message
        }); NDJSON needs one event per line`,
      );
    }
    texts.push(text);
  }
  return { values, texts };
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
  if (bytes[first] !== OPEN_ARRAY) {
    if (
      nestingDepth(bytes, first, bytes.length, limits.maxDepth) >
      limits.maxDepth
    ) {
      throw tooDeep('The event', limits);
    }
    const text = bytes.toString('utf8', first).trim();
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
    if (element.depth > limits.maxDepth) {
      throw tooDeep(`Event ${index}`, limits);
    }
    const text = bytes.toString('utf8', element.start, element.end);
    try {
      values.push(JSON.parse(text));
    } catch (error) {
      throw notJson(`event ${index}: ${(error as Error).message}`);
    }
    texts.push(text);
    if (budget.spent()) await budget.yield();
  }
  return { values, texts };
}

/**
 * The events of a request body: one JSON event, a JSON array of events, or
 * NDJSON (one event per line, blank lines ignored). Element order is event
 * order; validation reports events by this index. Work is bounded by
 * `limits` (more events is a 413, deeper nesting a 400, both found before
 * anything deep is built), and the event loop is handed back between slices
 * of `budget`.
 */
export async function parseEventBatch(
  body: string | Buffer,
  options: {
    ndjson: boolean;
    limits?: BatchLimits;
    budget?: EventLoopBudget;
  },
): Promise<ParsedEventBatch> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
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
