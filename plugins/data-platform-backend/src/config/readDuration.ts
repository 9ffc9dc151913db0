import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** Task frequencies and timeouts must be positive; other durations may be 0. */
export type DurationBound = 'positive' | 'non-negative';

/**
 * Reads a duration key the way the plugin reads every one: an object such
 * as `{ minutes: 10 }`, an ISO 8601 string such as `PT10M`, or a string
 * such as `10m` or `10 minutes` (see `readDurationFromConfig`). `key` is
 * the full key, which errors name.
 */
export function readDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
  bound: DurationBound = 'non-negative',
): HumanDuration {
  const duration = config.has(key)
    ? readDurationFromConfig(config, { key })
    : fallback;
  const ms = durationToMilliseconds(duration);
  if (ms < 0 || (bound === 'positive' && ms === 0)) {
    throw new Error(`${key} must be a ${bound} duration`);
  }
  return duration;
}

/** `readDuration` in milliseconds. */
export function readDurationMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
  bound?: DurationBound,
): number {
  return durationToMilliseconds(readDuration(config, key, fallback, bound));
}
