import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The plugin's `dataPlatform.openLineage` settings, with their defaults. */
export type OpenLineageConfig = {
  maxBodySize: string | number;
  retentionDays: number;
  seedFiles: string[];
  lastSeenResolutionMs: number;
};

export function readOpenLineageConfig(config: Config): OpenLineageConfig {
  const section = config.getOptionalConfig('dataPlatform.openLineage');
  const maxBodySize = section?.getOptional('maxBodySize') ?? '10mb';
  if (typeof maxBodySize !== 'string' && typeof maxBodySize !== 'number') {
    throw new Error(
      'dataPlatform.openLineage.maxBodySize must be a number of bytes or a size such as "10mb"',
    );
  }
  const retentionDays = section?.getOptionalNumber('retentionDays') ?? 30;
  if (!(retentionDays > 0)) {
    throw new Error('dataPlatform.openLineage.retentionDays must be positive');
  }
  const resolutionKey = 'lastSeenResolution';
  return {
    maxBodySize,
    retentionDays,
    seedFiles: section?.getOptionalStringArray('seedFiles') ?? [],
    lastSeenResolutionMs: section?.has(resolutionKey)
      ? durationToMilliseconds(
          readDurationFromConfig(section, { key: resolutionKey }),
        )
      : 6 * 3_600_000,
  };
}
