import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EVENT_TYPE_KIND,
  EventTypeEntity,
  isEventTypeEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The entity ref of an event type. */
export function eventTypeRef(name: string, namespace = 'default'): string {
  return stringifyEntityRef({ kind: EVENT_TYPE_KIND, namespace, name });
}

/**
 * The event type as the catalog has it now, checked against what the task
 * expects: a new one must not exist yet, an evolved one must (and, when the
 * form says which revision it started from, still be at that revision).
 */
export async function currentEventType(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  entityRef: string;
  evolve: boolean;
  baseRevision?: number;
}): Promise<EventTypeEntity | undefined> {
  const { catalog, credentials, entityRef, evolve, baseRevision } = options;
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!evolve) {
    if (entity) {
      throw new ConflictError(
        `${entityRef} already exists; evolve its schema with the "Evolve an event type's schema" template`,
      );
    }
    return undefined;
  }
  if (!entity || !isEventTypeEntity(entity)) {
    throw new NotFoundError(
      `${entityRef} is not in the catalog, so there is no schema to evolve`,
    );
  }
  const revision = entity.spec?.schema?.revision;
  if (baseRevision !== undefined && revision !== baseRevision) {
    throw new ConflictError(
      `${entityRef} is at schema revision ${revision} now, but the change was made on revision ${baseRevision}; reload it and edit again`,
    );
  }
  return entity;
}
