import { Config } from '@backstage/config';
import type { ProvisioningSettings } from '../services/Provisioning/ProvisioningEngine';
import { readDurationMs } from './readDuration';

/** `dataPlatform.provisioning`, with its defaults applied. */
export type ProvisioningConfig = ProvisioningSettings & {
  /** How often the global reconcile observes and plans every resource. */
  reconcileIntervalMs: number;
  /** How long one reconcile may run before another instance may start one. */
  reconcileTimeoutMs: number;
  /** How long after start the first reconcile runs. */
  initialDelayMs: number;
};

const AUTO_APPLY = ['none', 'additive'] as const;

export function readProvisioningConfig(root: Config): ProvisioningConfig {
  const key = 'dataPlatform.provisioning';
  const config = root.getOptionalConfig(key);
  const autoApply = config?.getOptionalString('autoApply') ?? 'none';
  if (!(AUTO_APPLY as readonly string[]).includes(autoApply)) {
    throw new Error(
      `${key}.autoApply must be one of ${AUTO_APPLY.join(
        ', ',
      )}, not "${autoApply}"`,
    );
  }
  return {
    autoApply: autoApply as ProvisioningSettings['autoApply'],
    requirePartitionFilter:
      config?.getOptionalBoolean('requirePartitionFilter') ?? true,
    applyTimeoutMs: readDurationMs(
      root,
      `${key}.applyTimeout`,
      { minutes: 5 },
      'positive',
    ),
    reconcileIntervalMs: readDurationMs(
      root,
      `${key}.reconcileInterval`,
      { minutes: 10 },
      'positive',
    ),
    reconcileTimeoutMs: readDurationMs(
      root,
      `${key}.reconcileTimeout`,
      { minutes: 30 },
      'positive',
    ),
    initialDelayMs: readDurationMs(root, `${key}.initialDelay`, {
      seconds: 30,
    }),
  };
}
