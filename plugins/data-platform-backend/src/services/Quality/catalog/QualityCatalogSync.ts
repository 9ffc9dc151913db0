import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isDataEndpointEntity,
  isEventTypeEntity,
  openLineageDatasetName,
  RELATION_READ_BY,
  RELATION_WRITTEN_BY,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  CatalogMirror,
  MirrorPassResult,
  MirrorTiming,
} from '../../CatalogSync/CatalogMirror';
import type { MirrorState } from '../../CatalogSync/MirrorState';
import { specRef } from '../../CatalogSync/specRef';
import type {
  QualityCatalogStore,
  QualityEndpointRecord,
  QualityEventTypeRecord,
} from '../store/QualityCatalogStore';

const related = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();

/** What quality keeps of a DataEndpoint or EventType, or undefined. */
export function toQualityRecord(
  entity: Entity,
): QualityEndpointRecord | QualityEventTypeRecord | undefined {
  const etag = entity.metadata.etag ?? '';
  if (isEventTypeEntity(entity)) {
    return {
      kind: 'eventtype',
      entityRef: stringifyEntityRef(entity),
      etag,
      fields: entity.spec.schema?.fields ?? [],
    };
  }
  if (!isDataEndpointEntity(entity) || !entity.spec?.location) return undefined;
  const { spec } = entity;
  const { project, dataset, table } = spec.location;
  const granularity = spec.partitioning?.granularity;
  const record: QualityEndpointRecord = {
    kind: 'endpoint',
    entityRef: stringifyEntityRef(entity),
    etag,
    title: entity.metadata.title ?? entity.metadata.name,
    owner: specRef(entity, spec.owner, 'group'),
    type: spec.type,
    checks: spec.quality ?? [],
    writers: related(entity, RELATION_WRITTEN_BY),
    consumers: related(entity, RELATION_READ_BY).length,
    openLineage: openLineageDatasetName(entity),
  };
  if (spec.system) record.system = specRef(entity, spec.system, 'system');
  if (spec.type === 'bigquery-table' && project && dataset && table) {
    record.address = { project, dataset, table };
  }
  if (granularity && granularity !== 'NONE') {
    record.partitioning = {
      granularity,
      ...(spec.partitioning?.field ? { field: spec.partitioning.field } : {}),
    };
  }
  if (spec.schema?.eventType) {
    record.eventTypeRef = specRef(entity, spec.schema.eventType, 'eventtype');
  } else {
    record.fields = spec.schema?.fields ?? [];
  }
  return record;
}

/**
 * Keeps quality's copy of the catalog's endpoints (their checks, fields,
 * writers) and event types (their fields) in step with the catalog,
 * incrementally (see {@link CatalogMirror}), so that checks and scores of
 * tens of thousands of endpoints run from the plugin's own tables.
 */
export class QualityCatalogSync {
  private readonly mirror: CatalogMirror<
    QualityEndpointRecord | QualityEventTypeRecord
  >;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    store: QualityCatalogStore;
    logger: LoggerService;
    timing?: Partial<MirrorTiming>;
    state?: MirrorState;
    now?: () => number;
  }) {
    const { store } = options;
    this.mirror = new CatalogMirror({
      ...options,
      name: 'data quality',
      target: {
        etags: kinds => store.etags(kinds),
        etagsOf: refs => store.etagsOf(refs),
        count: kinds => store.count(kinds),
        convert: toQualityRecord,
        put: records => store.put(records),
        remove: refs => store.remove(refs),
      },
      stampedKinds: ['eventtype', 'dataendpoint'],
    });
  }

  /** One pass; stops between batches once `signal` fires. */
  run(signal?: AbortSignal): Promise<MirrorPassResult> {
    return this.mirror.run(signal);
  }
}
