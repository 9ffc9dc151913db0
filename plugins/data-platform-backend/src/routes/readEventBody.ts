import { InputError } from '@backstage/errors';
import express from 'express';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { PayloadTooLargeError } from '../services/OpenLineage/PayloadTooLargeError';
import { UnsupportedMediaTypeError } from './UnsupportedMediaTypeError';

const NEWLINE = 0x0a;

/** What a request body is decoded with, by its Content-Encoding. */
function decoded(req: express.Request): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  switch (encoding) {
    case 'identity':
    case '':
      return req;
    case 'gzip':
    case 'x-gzip':
      return req.pipe(zlib.createGunzip());
    case 'deflate':
      return req.pipe(zlib.createInflate());
    case 'br':
      return req.pipe(zlib.createBrotliDecompress());
    default:
      throw new UnsupportedMediaTypeError(
        `Content-Encoding "${encoding.slice(
          0,
          50,
        )}": send gzip, deflate, br or none`,
      );
  }
}

/**
 * Counts the non-blank lines of an NDJSON body as its chunks come, so that
 * a body of more events than a request may hold is refused at the first
 * line past the limit, not after all of it was read.
 */
class LineCounter {
  lines = 0;
  private lineHasText = false;

  add(chunk: Buffer) {
    for (let start = 0; start < chunk.length; ) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!this.lineHasText) {
        for (let i = start; i < end; i++) {
          const byte = chunk[i];
          // Whitespace, and the bytes of a byte order mark.
          if (byte > 0x20 && byte !== 0xef && byte !== 0xbb && byte !== 0xbf) {
            this.lineHasText = true;
            break;
          }
        }
      }
      if (newline === -1) return;
      if (this.lineHasText) this.lines++;
      this.lineHasText = false;
      start = newline + 1;
    }
  }

  /** Lines so far, the one being read included. */
  get started(): number {
    return this.lines + (this.lineHasText ? 1 : 0);
  }
}

/**
 * Reads an ingestion request's body, decompressed, into one buffer: at most
 * `maxBytes` (a 413 past them) and, for NDJSON, at most `maxEvents` lines
 * (a 413 at the first line past them). When it stops early the connection
 * is closed after the answer, rather than the rest of the body read.
 */
export async function readEventBody(
  req: express.Request,
  res: express.Response,
  options: {
    maxBytes: number;
    /** The limit as configured, for the 413's message. */
    maxBodySize: string | number;
    ndjson: boolean;
    maxEvents: number;
  },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const lines = new LineCounter();
  let size = 0;
  const stopReading = (error: Error) => {
    req.unpipe();
    res.setHeader('Connection', 'close');
    return error;
  };
  const body = decoded(req);
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) {
        throw stopReading(
          new PayloadTooLargeError(
            `Request body exceeds ${options.maxBodySize} (dataPlatform.openLineage.maxBodySize); send fewer events per request`,
          ),
        );
      }
      if (options.ndjson) {
        lines.add(chunk);
        if (lines.started > options.maxEvents) {
          throw stopReading(
            new PayloadTooLargeError(
              `The request holds more than ${options.maxEvents} events (dataPlatform.openLineage.maxEventsPerRequest); send fewer events per request`,
            ),
          );
        }
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    if ((error as { code?: string }).code?.startsWith('Z_')) {
      throw stopReading(
        new InputError(
          `Body is not valid ${req.headers['content-encoding']} (${
            (error as Error).message
          })`,
        ),
      );
    }
    throw error;
  }
  return Buffer.concat(chunks, size);
}
