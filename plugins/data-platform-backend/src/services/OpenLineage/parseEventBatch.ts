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
 * The events of a request body: one JSON event, a JSON array of events, or
 * NDJSON (one event per line, blank lines ignored). Element order is event
 * order; validation reports events by this index.
 */
export function parseEventBatch(
  body: string,
  ndjson: boolean,
): ParsedEventBatch {
  if (!body.trim()) {
    throw new InputError('The request holds no OpenLineage events');
  }
  let events: unknown[];
  let texts: string[] | undefined;
  if (ndjson) {
    events = [];
    texts = [];
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line) {
        events.push(parseLine(line, i + 1));
        texts.push(line);
      }
    }
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
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
