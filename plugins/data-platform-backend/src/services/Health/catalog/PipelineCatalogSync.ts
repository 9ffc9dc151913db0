import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isPipelineEntity,
  openLineageJobName,
  PipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  CatalogMirror,
  MirrorPassResult,
  MirrorTiming,
} from '../../CatalogSync/CatalogMirror';
import { MirrorState } from '../../CatalogSync/MirrorState';
import { specRef } from '../../CatalogSync/specRef';
import { HealthPipelineRecord, PipelineStore } from '../store/PipelineStore';
import { RunStore } from '../store/RunStore';

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
    owner: spec.owner ? specRef(entity, spec.owner, 'group') : undefined,
    lifecycle: spec.lifecycle,
    schedule: {
      type: spec.schedule.type,
      ...(spec.schedule.cron ? { cron: spec.schedule.cron } : {}),
      ...(spec.schedule.timezone ? { timezone: spec.schedule.timezone } : {}),
    },
    ...(spec.sla?.deadline ? { sla: spec.sla.deadline } : {}),
    openLineage: openLineageJobName(entity, defaultJobNamespace),
    inputs: (spec.inputs ?? []).map(i => specRef(entity, i, 'dataendpoint')),
    outputs: (spec.outputs ?? []).map(o => specRef(entity, o, 'dataendpoint')),
  };
}

/**
 * Keeps the pipelines health judges in step with the catalog, incrementally
 * like the lineage sync (see {@link CatalogMirror}): reads the pipelines
 * stamped since the last pass, fetches only changed ones, drops removed ones.
 * The runs of a pipeline whose OpenLineage identity is new are marked for the
 * sweep to attach.
 */
export class PipelineCatalogSync {
  private readonly mirror: CatalogMirror<HealthPipelineRecord>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    pipelines: PipelineStore;
    runs: RunStore;
    logger: LoggerService;
    defaultJobNamespace: string;
    timing?: Partial<MirrorTiming>;
    /** Where the sync left off; pass a DatabaseMirrorState to share it between instances. */
    state?: MirrorState;
    now?: () => number;
  }) {
    const { pipelines, runs, defaultJobNamespace } = options;
    const now = options.now ?? Date.now;
    this.mirror = new CatalogMirror({
      ...options,
      name: 'pipeline health',
      target: {
        etags: () => pipelines.etags(),
        etagsOf: refs => pipelines.etagsOf(refs),
        count: () => pipelines.count(),
        convert: entity =>
          isPipelineEntity(entity) && entity.spec?.schedule
            ? toHealthPipelineRecord(entity, defaultJobNamespace)
            : undefined,
        put: async records => {
          await pipelines.upsert(records, now());
          // Runs that arrived before the pipeline (or under its new identity).
          await runs.markJobsDirty(
            records.flatMap(r => (r.openLineage ? [r.openLineage] : [])),
          );
        },
        remove: refs => pipelines.remove(refs),
      },
      stampedKinds: ['pipeline'],
    });
  }

  /** One pass; stops between batches once `signal` fires. */
  run(signal?: AbortSignal): Promise<MirrorPassResult> {
    return this.mirror.run(signal);
  }
}
