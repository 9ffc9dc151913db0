import { mockServices } from '@backstage/backend-test-utils';
import type { QualityTable } from '@dataplatform/backstage-plugin-data-platform-node';
import type { GcpQualityConfig } from '../config';
import { BigQueryQualityRunner } from '../quality/BigQueryQualityRunner';
import { presetAuth, testClock } from './googleApis';
import { PROJECT, trackPlayedFields } from './platform';

/** A quality runner talking REST to msw, with an instant clock and three attempts per call. */
export function testQualityRunner(config: Partial<GcpQualityConfig> = {}) {
  const clock = testClock();
  const runner = new BigQueryQualityRunner({
    config: {
      projects: [PROJECT],
      maximumBytesBilled: 10 * 1024 ** 3,
      ...config,
    },
    clients: { authClient: presetAuth() },
    clock,
    retryPolicy: { attempts: 3, initialDelayMs: 100, maxDelayMs: 1000 },
    random: () => 0.5,
  });
  return { runner, clock, logger: mockServices.logger.mock() };
}

/** The raw Track Played table as the quality engine hands it over: hourly on event_time. */
export function trackPlayedTable(
  overrides: Partial<QualityTable> = {},
): QualityTable {
  return {
    endpointRef: 'dataendpoint:default/track-played-raw',
    address: { project: PROJECT, dataset: 'events', table: 'track_played' },
    fields: trackPlayedFields,
    partitioning: { field: 'event_time', granularity: 'HOUR' },
    ...overrides,
  };
}
