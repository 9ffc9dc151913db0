import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isDataEndpointEntity,
  isPipelineEntity,
  openLineageDatasetName,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { chunk } from '../../../database/chunk';
import type { OpenLineageIngestor } from '../../OpenLineage/OpenLineageIngestor';
import { toHealthPipelineRecord } from '../catalog/PipelineCatalogSync';
import type { DemoFeederSettings } from '../healthSettings';
import type { HealthPipelineRecord } from '../store/PipelineStore';
import { demoEvents } from './demoEvents';
import { demoRuns, demoScenario, DemoScenario } from './demoPlan';

const DAY = 86_400_000;
const HEARTBEAT_WINDOW = 3 * 3_600_000;
/** Later ticks send events from a little before the previous tick on. */
const OVERLAP = 10 * 60_000;
/** A demo for a catalog this size or larger would be a mistake. */
const MAX_PIPELINES = 500;

/**
 * Dev mode only: plays the schedulers of the catalog's pipelines (the
 * example platform) and sends their OpenLineage run events through the real
 * ingestion, so runs, partitions, alerts and notifications are real. One
 * configured pipeline stalls (late, and late downstream with it as the root
 * cause), another fails. The first tick writes a few days of history.
 */
export class DemoFeeder {
  private scenario?: DemoScenario;
  private startedAt?: number;
  private lastTick?: number;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      ingestor: OpenLineageIngestor;
      logger: LoggerService;
      settings: DemoFeederSettings;
      defaultSla: string;
      defaultJobNamespace: string;
    },
  ) {}

  async tick(
    now: number = Date.now(),
  ): Promise<{ sent: number; accepted: number }> {
    const { catalog, auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: { kind: ['pipeline', 'dataendpoint'] } },
      { credentials },
    );
    const pipelines = new Map<
      string,
      HealthPipelineRecord & { engine?: string }
    >();
    const datasets = new Map<string, { namespace: string; name: string }>();
    for (const entity of items) {
      if (isDataEndpointEntity(entity)) {
        datasets.set(
          stringifyEntityRef(entity),
          openLineageDatasetName(entity),
        );
      } else if (isPipelineEntity(entity) && entity.spec?.schedule) {
        pipelines.set(stringifyEntityRef(entity), {
          ...toHealthPipelineRecord(entity, this.options.defaultJobNamespace),
          engine: entity.spec.engine,
        });
      }
    }
    if (pipelines.size === 0) return { sent: 0, accepted: 0 };
    if (pipelines.size > MAX_PIPELINES) {
      throw new Error(
        `The demo feeder plays at most ${MAX_PIPELINES} pipelines, the catalog has ${pipelines.size}; turn dataPlatform.health.demoFeeder off`,
      );
    }

    const records = [...pipelines.values()];
    if (!this.scenario) {
      this.scenario = demoScenario(
        records,
        { ...this.options.settings, defaultSla: this.options.defaultSla },
        now,
      );
      this.startedAt = now;
    }
    const from = this.startedAt! - this.options.settings.historyDays * DAY;
    const runs = demoRuns(records, this.scenario, from, now);
    const since =
      this.lastTick === undefined ? -Infinity : this.lastTick - OVERLAP;
    const events = demoEvents(
      runs,
      pipelines,
      datasets,
      now,
      now - HEARTBEAT_WINDOW,
    ).filter(e => Date.parse((e as { eventTime: string }).eventTime) >= since);
    let accepted = 0;
    for (const batch of chunk(events, 500)) {
      accepted += (await this.options.ingestor.ingest(batch)).accepted;
    }
    this.lastTick = now;
    if (accepted > 0) {
      logger.info(
        `Demo feeder sent ${accepted} OpenLineage run events for ${pipelines.size} pipelines`,
      );
    }
    return { sent: events.length, accepted };
  }
}
