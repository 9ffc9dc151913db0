import { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { OpenLineageIngestor } from './OpenLineageIngestor';
import {
  DEFAULT_BATCH_LIMITS,
  parseEventBatch,
  ParsedEventBatch,
} from './parseEventBatch';

/**
 * Ingests NDJSON event files (the example platform's replayable runs) as if
 * a scheduler had sent them. Idempotent: events already stored are skipped
 * by their key, so a restart against a persistent database adds nothing.
 * Relative paths resolve against the working directory, like the catalog's
 * file locations (packages/backend when started with `yarn start`).
 */
export async function loadSeedFiles(options: {
  files: string[];
  ingestor: OpenLineageIngestor;
  logger: LoggerService;
}): Promise<void> {
  const { files, ingestor, logger } = options;
  for (const file of files) {
    const absolute = path.resolve(file);
    let events: ParsedEventBatch;
    try {
      // A file of the deployment's own: as many events as it holds.
      events = await parseEventBatch(await fs.readFile(absolute), {
        ndjson: true,
        limits: {
          ...DEFAULT_BATCH_LIMITS,
          maxEvents: Number.POSITIVE_INFINITY,
        },
      });
    } catch (error) {
      throw new ForwardedError(
        `Cannot read OpenLineage seed file ${absolute}`,
        error,
      );
    }
    for (const [index, why] of events.unreadable ?? []) {
      throw new Error(
        `OpenLineage seed file ${absolute} was refused: event ${index} ${why}`,
      );
    }
    let accepted: number;
    try {
      // One batch: refusals name events by their position in the file.
      ({ accepted } = await ingestor.ingest(events.values, events.texts));
    } catch (error) {
      throw new ForwardedError(
        `OpenLineage seed file ${absolute} was refused`,
        error,
      );
    }
    logger.info(
      `OpenLineage seed file ${file}: ${events.values.length} events, ${accepted} new`,
    );
  }
}
