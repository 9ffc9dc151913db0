import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ForwardedError } from '@backstage/errors';
import { RELATION_PRODUCER_OF } from '@dataplatform/backstage-plugin-data-platform-common';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { LineageEntityRecord } from '../LineageIndex/types';
import {
  CatalogMirror,
  MirrorPassResult,
  MirrorTarget,
  MirrorTiming,
} from './CatalogMirror';
import { toLineageRecord } from './lineageRecord';

/** What one sync pass did. */
export type CatalogSyncResult = MirrorPassResult;

/**
 * Keeps the lineage index in step with the catalog, incrementally: the
 * data-platform kinds through their changed-at stamps, the components that
 * produce event types listed whole (see {@link CatalogMirror}). Only entities
 * whose etag changed are fetched; those that left the catalog are removed.
 */
export class CatalogLineageSync {
  private readonly mirror: CatalogMirror;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: DatabaseLineageStore;
      logger: LoggerService;
      defaultJobNamespace: string;
      timing?: Partial<MirrorTiming>;
      now?: () => number;
    },
  ) {
    const { store, logger, defaultJobNamespace } = options;
    const target: MirrorTarget = {
      etags: kinds => store.entityEtags(kinds),
      etagsOf: refs => store.entityEtagsOf(refs),
      count: kinds => store.countEntities(kinds),
      put: async (entities: Entity[]) => {
        const records: LineageEntityRecord[] = [];
        const declined: string[] = [];
        for (const entity of entities) {
          try {
            records.push(toLineageRecord(entity, defaultJobNamespace));
          } catch (error) {
            declined.push(stringifyEntityRef(entity));
            logger.warn(
              `Skipping ${stringifyEntityRef(
                entity,
              )} in the lineage index: ${error}`,
            );
          }
        }
        await store.upsertEntities(records);
        return declined;
      },
      remove: refs => store.removeEntities(refs),
    };
    this.mirror = new CatalogMirror({
      catalog: options.catalog,
      target,
      logger,
      stampedKinds: ['eventtype', 'pipeline', 'dataendpoint'],
      extra: {
        kind: 'component',
        filter: {
          kind: 'component',
          [`relations.${RELATION_PRODUCER_OF}`]: CATALOG_FILTER_EXISTS,
        },
      },
      timing: options.timing,
      now: options.now,
    });
  }

  async run(): Promise<CatalogSyncResult> {
    const { auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    let result: CatalogSyncResult;
    try {
      result = await this.mirror.pass(credentials);
    } catch (error) {
      throw new ForwardedError('Syncing the lineage index failed', error);
    }
    if (result.updated || result.removed) {
      logger.info(
        `Lineage index synced with the catalog (${result.mode} pass): ${result.updated} updated, ${result.removed} removed, ${result.seen} entities read`,
      );
    }
    return result;
  }
}
