import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  flattenFields,
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  CatalogMirror,
  MirrorPassResult,
  MirrorTiming,
} from '../CatalogSync/CatalogMirror';
import type { MirrorState } from '../CatalogSync/MirrorState';
import { specRef } from '../CatalogSync/specRef';
import type { PiiCatalogRecord, PiiCatalogStore } from './PiiCatalogStore';

const columnsOf = (fields: SchemaField[] | undefined) =>
  flattenFields(fields ?? []).map(
    ({ path, field }) =>
      [path, field.pii ?? null] as PiiCatalogRecord['columns'][number],
  );

/**
 * What PII propagation keeps of an entity: an event type's or endpoint's
 * columns and marks (an endpoint storing an event type has its columns), a
 * pipeline's etag alone (a changed pipeline changes dataset-level lineage).
 */
export function toPiiRecord(entity: Entity): PiiCatalogRecord | undefined {
  const base = {
    entityRef: stringifyEntityRef(entity),
    etag: entity.metadata.etag ?? '',
    title: entity.metadata.title ?? entity.metadata.name,
    ...(typeof entity.spec?.owner === 'string'
      ? { owner: specRef(entity, entity.spec.owner, 'group') }
      : {}),
  };
  if (isEventTypeEntity(entity)) {
    return {
      ...base,
      kind: 'eventtype',
      columns: columnsOf(entity.spec.schema?.fields),
    };
  }
  if (isDataEndpointEntity(entity)) {
    const eventType = entity.spec.schema?.eventType;
    return {
      ...base,
      kind: 'dataendpoint',
      ...(eventType
        ? { eventTypeRef: specRef(entity, eventType, 'eventtype') }
        : {}),
      columns: eventType ? [] : columnsOf(entity.spec.schema?.fields),
    };
  }
  if (isPipelineEntity(entity)) {
    return { ...base, kind: 'pipeline', columns: [] };
  }
  return undefined;
}

/**
 * Keeps the declared PII marks of event types and endpoints in step with
 * the catalog, incrementally (see {@link CatalogMirror}); each changed
 * entity is queued for recomputing what is downstream of it.
 */
export class PiiCatalogSync {
  private readonly mirror: CatalogMirror<PiiCatalogRecord>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    store: PiiCatalogStore;
    logger: LoggerService;
    timing?: Partial<MirrorTiming>;
    state?: MirrorState;
    now?: () => number;
  }) {
    const { store } = options;
    this.mirror = new CatalogMirror({
      ...options,
      name: 'personal data marks',
      target: {
        etags: kinds => store.etags(kinds),
        etagsOf: refs => store.etagsOf(refs),
        count: kinds => store.count(kinds),
        convert: toPiiRecord,
        put: records => store.put(records),
        remove: refs => store.remove(refs),
      },
      stampedKinds: ['eventtype', 'dataendpoint', 'pipeline'],
    });
  }

  /** One pass; stops between batches once `signal` fires. */
  run(signal?: AbortSignal): Promise<MirrorPassResult> {
    return this.mirror.run(signal);
  }
}
