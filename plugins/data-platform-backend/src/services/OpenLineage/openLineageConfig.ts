import { Config } from '@backstage/config';

/** The plugin's `dataPlatform.openLineage` settings, with their defaults. */
export type OpenLineageConfig = {
  maxBodySize: string | number;
  retentionDays: number;
  seedFiles: string[];
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
  return {
    maxBodySize,
    retentionDays,
    seedFiles: section?.getOptionalStringArray('seedFiles') ?? [],
  };
}
