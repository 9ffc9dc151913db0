import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ForwardedError } from '@backstage/errors';
import { RELATION_PRODUCER_OF } from '@dataplatform/backstage-plugin-data-platform-common';
import { chunk } from '../../database/chunk';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageEntityRecord } from '../LineageIndex/types';
import { listEntityEtags } from './listEntityEtags';
import { toLineageRecord } from './lineageRecord';

const FETCH_BATCH = 200;

/** What one sync pass changed. */
export type CatalogSyncResult = {
  seen: number;
  updated: number;
  removed: number;
};

/**
 * Keeps the lineage index in step with the catalog, incrementally: each pass
 * lists only refs and etags of the relevant entities, fetches in full only
 * those whose etag changed, and removes those that left the catalog.
 */
export class CatalogLineageSync {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: DatabaseLineageStore;
      logger: LoggerService;
      defaultJobNamespace: string;
    },
  ) {}

  async run(): Promise<CatalogSyncResult> {
    const { catalog, auth, store, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const filters: EntityFilterQuery[] = [
      { kind: ['eventtype', 'pipeline', 'dataendpoint'] },
      {
        kind: 'component',
        [`relations.${RELATION_PRODUCER_OF}`]: CATALOG_FILTER_EXISTS,
      },
    ];
    let current: Map<string, string>;
    try {
      current = await listEntityEtags(catalog, credentials, filters);
    } catch (error) {
      throw new ForwardedError(
        'Listing catalog entities for lineage failed',
        error,
      );
    }

    const known = await store.entityEtags();
    const changed = [...current].filter(
      ([ref, etag]) => known.get(ref) !== etag,
    );
    const removed = [...known.keys()].filter(ref => !current.has(ref));

    let updated = 0;
    for (const batch of chunk(
      changed.map(([ref]) => ref),
      FETCH_BATCH,
    )) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: batch },
        { credentials },
      );
      const records: LineageEntityRecord[] = [];
      for (const entity of items) {
        if (!entity) continue;
        try {
          records.push(
            toLineageRecord(entity, this.options.defaultJobNamespace),
          );
        } catch (error) {
          logger.warn(
            `Skipping ${stringifyEntityRef(
              entity,
            )} in the lineage index: ${error}`,
          );
        }
      }
      await store.upsertEntities(records);
      updated += records.length;
    }
    await store.removeEntities(removed);
    if (updated || removed.length) {
      logger.info(
        `Lineage index synced with the catalog: ${updated} updated, ${removed.length} removed, ${current.size} entities`,
      );
    }
    return { seen: current.size, updated, removed: removed.length };
  }
}
