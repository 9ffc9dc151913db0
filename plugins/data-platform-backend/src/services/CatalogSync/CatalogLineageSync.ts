import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RELATION_PRODUCER_OF } from '@dataplatform/backstage-plugin-data-platform-common';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageEntityRecord } from '../LineageIndex/types';
import { CatalogMirror, MirrorPassResult, MirrorTiming } from './CatalogMirror';
import { toLineageRecord } from './lineageRecord';
import { MirrorState } from './MirrorState';

/**
 * Keeps the lineage index in step with the catalog, incrementally: the
 * data-platform kinds through their changed-at stamps, the components that
 * produce event types listed whole (see {@link CatalogMirror}). Only entities
 * whose etag changed are fetched; those that left the catalog are removed.
 */
export class CatalogLineageSync {
  private readonly mirror: CatalogMirror<LineageEntityRecord>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    store: DatabaseLineageStore;
    logger: LoggerService;
    defaultJobNamespace: string;
    timing?: Partial<MirrorTiming>;
    /** Where the sync left off; pass a DatabaseMirrorState to share it between instances. */
    state?: MirrorState;
    now?: () => number;
  }) {
    const { store, defaultJobNamespace } = options;
    this.mirror = new CatalogMirror({
      ...options,
      name: 'the lineage index',
      target: {
        etags: kinds => store.entityEtags(kinds),
        etagsOf: refs => store.entityEtagsOf(refs),
        count: kinds => store.countEntities(kinds),
        convert: entity => toLineageRecord(entity, defaultJobNamespace),
        put: records => store.upsertEntities(records),
        remove: refs => store.removeEntities(refs),
      },
      stampedKinds: ['eventtype', 'pipeline', 'dataendpoint'],
      extra: {
        kind: 'component',
        filter: {
          kind: 'component',
          [`relations.${RELATION_PRODUCER_OF}`]: CATALOG_FILTER_EXISTS,
        },
      },
    });
  }

  /** One pass; stops between batches once `signal` fires. */
  run(signal?: AbortSignal): Promise<MirrorPassResult> {
    return this.mirror.run(signal);
  }
}
