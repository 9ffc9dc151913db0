import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenLineageRunEvent } from '../openlineage/runEvents';

/** What `writeEventFile` wrote. */
export interface EventFileOutput {
  file: string;
  events: number;
  bytes: number;
  byType: Record<string, number>;
  firstEventTime?: string;
  lastEventTime?: string;
}

/**
 * Writes events as NDJSON (one RunEvent per line, the body
 * `POST /api/v1/lineage` takes line by line), pulling them from the iterator
 * only as fast as the file takes them.
 */
export async function writeEventFile(
  events: Iterable<OpenLineageRunEvent>,
  file: string,
): Promise<EventFileOutput> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const stream = fs.createWriteStream(file);
  const output: EventFileOutput = { file, events: 0, bytes: 0, byType: {} };
  let buffer = '';
  const write = async (text: string) => {
    output.bytes += Buffer.byteLength(text);
    if (!stream.write(text)) await once(stream, 'drain');
  };
  for (const event of events) {
    buffer += `${JSON.stringify(event)}\n`;
    output.events++;
    output.byType[event.eventType] = (output.byType[event.eventType] ?? 0) + 1;
    if (!output.firstEventTime || event.eventTime < output.firstEventTime) {
      output.firstEventTime = event.eventTime;
    }
    if (!output.lastEventTime || event.eventTime > output.lastEventTime) {
      output.lastEventTime = event.eventTime;
    }
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  if (buffer) await write(buffer);
  stream.end();
  await once(stream, 'finish');
  return output;
}
