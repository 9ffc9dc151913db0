import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** An entity a task waits for; an event type at a given schema revision. */
export type ExpectedEntity = { entityRef: string; revision?: number };

/** How often the wait says it is still waiting. */
const PROGRESS_EVERY_MS = 10_000;

const revisionOf = (entity: Entity | undefined) =>
  (entity?.spec as { schema?: { revision?: number } } | undefined)?.schema
    ?.revision;

const waitingFor = ({ entityRef, revision }: ExpectedEntity) =>
  revision === undefined ? entityRef : `${entityRef} at revision ${revision}`;

/**
 * Polls the catalog, as the task's user, until it shows every expected
 * entity (at its schema revision, when one is given). Entities the catalog
 * has at another revision are refreshed every few polls, in case processing
 * was busy. Throws after `timeoutSeconds`, naming what is missing and, with
 * `whereToLook`, where its processing errors would be.
 */
export async function waitForCatalog(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  expected: ExpectedEntity[];
  timeoutSeconds: number;
  pollIntervalMs: number;
  logger: LoggerService;
  whereToLook: string;
}): Promise<void> {
  const { catalog, credentials, timeoutSeconds, pollIntervalMs, logger } =
    options;
  const started = Date.now();
  const deadline = started + timeoutSeconds * 1000;
  let nextProgress = started;
  let pending = options.expected;
  for (let attempt = 0; ; attempt++) {
    const seen = new Map<string, number | undefined>();
    const stillPending: ExpectedEntity[] = [];
    for (const expected of pending) {
      const entity = await catalog.getEntityByRef(expected.entityRef, {
        credentials,
      });
      const revision = revisionOf(entity);
      if (
        entity &&
        (expected.revision === undefined || revision === expected.revision)
      ) {
        continue;
      }
      stillPending.push(expected);
      seen.set(expected.entityRef, entity ? revision : undefined);
      // Refreshing an entity the catalog has re-reads its location too.
      if (entity && attempt % 5 === 0) {
        await catalog.refreshEntity(expected.entityRef, { credentials });
      }
    }
    pending = stillPending;
    if (pending.length === 0) return;

    const now = Date.now();
    if (now > deadline) {
      const states = pending.map(({ entityRef }) => {
        const revision = seen.get(entityRef);
        return `${entityRef} ${
          revision === undefined
            ? 'is not in the catalog'
            : `is still at revision ${revision}`
        }`;
      });
      throw new Error(
        `${states.join(', ')} after ${timeoutSeconds}s; ${options.whereToLook}`,
      );
    }
    if (now >= nextProgress) {
      logger.info(
        `Waiting for the catalog to show ${pending
          .map(waitingFor)
          .join(', ')} (${Math.round(
          (now - started) / 1000,
        )}s of ${timeoutSeconds}s)`,
      );
      nextProgress = now + PROGRESS_EVERY_MS;
    }
    await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
  }
}
