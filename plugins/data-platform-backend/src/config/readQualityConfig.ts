import { Config } from '@backstage/config';
import {
  DEFAULT_SCORE_WEIGHTS,
  SCORE_COMPONENTS,
  ScoreWeights,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { QualityRunSettings } from '../services/Quality/QualityEngine';
import { readDurationMs } from './readDuration';

/** `dataPlatform.quality`, with its defaults applied. */
export type QualityConfig = QualityRunSettings & {
  /** How often queued partitions are checked. */
  checkIntervalMs: number;
  /** How often partition metadata is read and the latest partitions queued. */
  metadataIntervalMs: number;
  /** How often every endpoint's score is recomputed. */
  scoreIntervalMs: number;
  /** How often endpoints and event types are synced from the catalog. */
  catalogSyncIntervalMs: number;
  /** Weights of the score's components. */
  weights: ScoreWeights;
};

export function readQualityConfig(root: Config): QualityConfig {
  const key = 'dataPlatform.quality';
  const config = root.getOptionalConfig(key);
  const positiveInt = (name: string, fallback: number) => {
    const value = config?.getOptionalNumber(name) ?? fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${key}.${name} must be a positive whole number`);
    }
    return value;
  };
  const weights = { ...DEFAULT_SCORE_WEIGHTS };
  for (const component of SCORE_COMPONENTS) {
    const value = config?.getOptionalNumber(`weights.${component}`);
    if (value === undefined) continue;
    if (!(value >= 0)) {
      throw new Error(`${key}.weights.${component} must not be negative`);
    }
    weights[component] = value;
  }
  if (SCORE_COMPONENTS.every(c => weights[c] === 0)) {
    throw new Error(`${key}.weights must give at least one component weight`);
  }
  const ms = (name: string, fallback: Parameters<typeof readDurationMs>[2]) =>
    readDurationMs(root, `${key}.${name}`, fallback, 'positive');
  return {
    queueBatch: positiveInt('queueBatch', 50),
    maxAttempts: positiveInt('maxAttempts', 3),
    volumeWeeks: positiveInt('volumeWeeks', 4),
    catchUpPartitions: positiveInt('catchUpPartitions', 2),
    checkIntervalMs: ms('checkInterval', { seconds: 30 }),
    metadataIntervalMs: ms('metadataInterval', { hours: 1 }),
    scoreIntervalMs: ms('scoreInterval', { hours: 1 }),
    catalogSyncIntervalMs: ms('catalogSyncInterval', { seconds: 30 }),
    weights,
  };
}
