import { InputError } from '@backstage/errors';

const NDJSON_TYPES = /ndjson|jsonl|jsonlines|json-seq/i;

/** Whether a Content-Type announces one JSON document per line. */
export function isNdjson(contentType: string | undefined): boolean {
  return NDJSON_TYPES.test(contentType ?? '');
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new InputError(
      `Line ${lineNumber} is not valid JSON (${
        (error as Error).message
      }); NDJSON needs one event per line`,
    );
  }
}

/** The events of a request body, and for NDJSON the line each came from. */
export type ParsedEventBatch = { values: unknown[]; texts?: string[] };

/**
 * The lines of an NDJSON body held as bytes, each decoded on its own. A
 * newline byte never occurs inside a UTF-8 sequence, so splitting the bytes
 * is safe, and decoding a line at a time keeps each string small: V8 decodes
 * a multi-megabyte body into one string at a small fraction of the speed
 * (~8 ns a byte against ~0.2 here, measured on Node 22), which for a batch
 * of 1,000 events was more time than parsing them.
 */
function* bufferLines(body: Buffer): Generator<string> {
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf(10, start);
    const end = newline === -1 ? body.length : newline;
    yield body.toString('utf8', start, end);
    start = end + 1;
  }
}

/**
 * The events of a request body: one JSON event, a JSON array of events, or
 * NDJSON (one event per line, blank lines ignored). Element order is event
 * order; validation reports events by this index. A body read as bytes is
 * decoded here (NDJSON line by line).
 */
export function parseEventBatch(
  body: string | Buffer,
  ndjson: boolean,
): ParsedEventBatch {
  let events: unknown[];
  let texts: string[] | undefined;
  if (ndjson) {
    events = [];
    texts = [];
    const lines =
      typeof body === 'string' ? body.split('\n') : bufferLines(body);
    let lineNumber = 0;
    for (const raw of lines) {
      lineNumber++;
      const line = raw.trim();
      if (line) {
        events.push(parseLine(line, lineNumber));
        texts.push(line);
      }
    }
  } else {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (!text.trim()) {
      throw new InputError('The request holds no OpenLineage events');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new InputError(
        `Body is not valid JSON (${
          (error as Error).message
        }); send one event, a JSON array of events, or NDJSON with Content-Type application/x-ndjson`,
      );
    }
    events = Array.isArray(parsed) ? parsed : [parsed];
  }
  if (events.length === 0) {
    throw new InputError('The request holds no OpenLineage events');
  }
  return { values: events, texts };
}
