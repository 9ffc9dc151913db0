import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isPipelineEntity,
  openLineageJobName,
  PipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { chunk } from '../../../database/chunk';
import { listEntityEtags } from '../../CatalogSync/listEntityEtags';
import { HealthPipelineRecord, PipelineStore } from '../store/PipelineStore';
import { RunStore } from '../store/RunStore';

const FETCH_BATCH = 200;

function refTo(ref: string, defaultKind: string, entity: Entity): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** What health keeps of a Pipeline entity. */
export function toHealthPipelineRecord(
  entity: PipelineEntity,
  defaultJobNamespace: string,
): HealthPipelineRecord {
  const { spec } = entity;
  return {
    entityRef: stringifyEntityRef(entity),
    etag: entity.metadata.etag ?? '',
    title: entity.metadata.title ?? entity.metadata.name,
    owner: spec.owner ? refTo(spec.owner, 'group', entity) : undefined,
    lifecycle: spec.lifecycle,
    schedule: {
      type: spec.schedule.type,
      ...(spec.schedule.cron ? { cron: spec.schedule.cron } : {}),
      ...(spec.schedule.timezone ? { timezone: spec.schedule.timezone } : {}),
    },
    ...(spec.sla?.deadline ? { sla: spec.sla.deadline } : {}),
    openLineage: openLineageJobName(entity, defaultJobNamespace),
    inputs: (spec.inputs ?? []).map(i => refTo(i, 'dataendpoint', entity)),
    outputs: (spec.outputs ?? []).map(o => refTo(o, 'dataendpoint', entity)),
  };
}

/**
 * Keeps the pipelines health judges in step with the catalog, incrementally
 * like the lineage sync: lists refs and etags, fetches only changed
 * pipelines, drops removed ones. The runs of a pipeline whose OpenLineage
 * identity is new are marked for the sweep to attach.
 */
export class PipelineCatalogSync {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      pipelines: PipelineStore;
      runs: RunStore;
      logger: LoggerService;
      defaultJobNamespace: string;
      now?: () => number;
    },
  ) {}

  async run(): Promise<{ seen: number; updated: number; removed: number }> {
    const { catalog, auth, pipelines, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    let current: Map<string, string>;
    try {
      current = await listEntityEtags(catalog, credentials, [
        { kind: 'pipeline' },
      ]);
    } catch (error) {
      throw new ForwardedError('Listing pipelines for health failed', error);
    }

    const known = await pipelines.etags();
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
      const records: HealthPipelineRecord[] = [];
      for (const entity of items) {
        if (!entity || !isPipelineEntity(entity) || !entity.spec?.schedule)
          continue;
        try {
          records.push(
            toHealthPipelineRecord(entity, this.options.defaultJobNamespace),
          );
        } catch (error) {
          logger.warn(
            `Skipping ${stringifyEntityRef(
              entity,
            )} in pipeline health: ${error}`,
          );
        }
      }
      await pipelines.upsert(records, (this.options.now ?? Date.now)());
      // Runs that arrived before the pipeline (or under its new identity).
      await this.options.runs.markJobsDirty(
        records.flatMap(r => (r.openLineage ? [r.openLineage] : [])),
      );
      updated += records.length;
    }
    await pipelines.remove(removed);
    if (updated || removed.length) {
      logger.info(
        `Pipeline health synced with the catalog: ${updated} updated, ${removed.length} removed, ${current.size} pipelines`,
      );
    }
    return { seen: current.size, updated, removed: removed.length };
  }
}
