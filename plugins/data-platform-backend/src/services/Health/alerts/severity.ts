import type { AlertSeverity } from '@dataplatform/backstage-plugin-data-platform-common';

const LEVELS: AlertSeverity[] = ['low', 'normal', 'high', 'critical'];

/** Sort key of the on-call list: 0 for healthy pipelines. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = {
  low: 1,
  normal: 2,
  high: 3,
  critical: 4,
};

/**
 * How urgent a problem is: production pipelines start high, experimental
 * and deprecated ones low, others normal; one level up once the partition is
 * `escalateAfterMs` past its deadline; one level down for an expected delay
 * caused upstream (its owners can only wait; the root cause's owners act).
 */
export function severityOf(input: {
  lifecycle: string;
  overdueMs: number;
  escalateAfterMs: number;
  causedUpstream: boolean;
}): AlertSeverity {
  const lifecycle = input.lifecycle.toLocaleLowerCase('en-US');
  let level = 1;
  if (lifecycle === 'production') level = 2;
  else if (lifecycle === 'experimental' || lifecycle === 'deprecated')
    level = 0;
  if (input.overdueMs >= input.escalateAfterMs) level += 1;
  if (input.causedUpstream) level -= 1;
  return LEVELS[Math.max(0, Math.min(LEVELS.length - 1, level))];
}

/** One level less urgent (`low` stays `low`). */
export function severityBelow(severity: AlertSeverity): AlertSeverity {
  return LEVELS[Math.max(0, LEVELS.indexOf(severity) - 1)];
}
