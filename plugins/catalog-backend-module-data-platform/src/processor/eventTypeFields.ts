import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';

/** The fields of an event type by ref, or undefined when the catalog lacks it. */
export type EventTypeFieldsLookup = (
  eventTypeRef: string,
) => Promise<SchemaField[] | undefined>;

/**
 * Reads event types' fields from the catalog for the processor, which
 * validates an endpoint's quality checks against the fields of the event
 * type it stores. Each event type is read at most once per `ttlMs` (many
 * endpoints store one event type; the catalog reprocesses them often), so
 * a processing loop costs one catalog request per event type and minute.
 */
export function catalogEventTypeFields(
  deps: { catalog: CatalogService; auth: AuthService },
  options: { ttlMs?: number; now?: () => number } = {},
): EventTypeFieldsLookup {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<
    string,
    { at: number; fields: Promise<SchemaField[] | undefined> }
  >();
  return async ref => {
    const cached = cache.get(ref);
    if (cached && now() - cached.at < ttlMs) return cached.fields;
    const fields = (async () => {
      const entity = await deps.catalog.getEntityByRef(ref, {
        credentials: await deps.auth.getOwnServiceCredentials(),
      });
      const found = (entity?.spec as any)?.schema?.fields;
      return Array.isArray(found) ? (found as SchemaField[]) : undefined;
    })();
    cache.set(ref, { at: now(), fields });
    try {
      return await fields;
    } catch (error) {
      cache.delete(ref);
      throw error;
    }
  };
}
