import type { Config } from '@backstage/config';
import { resolve } from 'node:path';
import type { LandingConfig } from './services/renderEventType';

/** The module's configuration, resolved. */
export interface DataPlatformScaffolderConfig {
  /** Absolute directory `dataplatform:publish:local` writes into; unset in production. */
  localCatalogDirectory?: string;
  landing: LandingConfig;
}

/** Reads `dataPlatform.scaffolder` (see config.d.ts). */
export function readDataPlatformScaffolderConfig(
  config: Config,
): DataPlatformScaffolderConfig {
  const root = config.getOptionalConfig('dataPlatform.scaffolder');
  const directory = root?.getOptionalString('localCatalog.directory');
  return {
    localCatalogDirectory: directory ? resolve(directory) : undefined,
    landing: {
      pubsubProject:
        root?.getOptionalString('landing.pubsubProject') ?? 'tunewave-events',
      bigqueryProject:
        root?.getOptionalString('landing.bigqueryProject') ?? 'tunewave-raw',
      bigqueryDataset:
        root?.getOptionalString('landing.bigqueryDataset') ?? 'events',
      topicRetentionDays:
        root?.getOptionalNumber('landing.topicRetentionDays') ?? 7,
    },
  };
}
