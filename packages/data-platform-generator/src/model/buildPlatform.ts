import { PlatformOptions, resolvePlatformOptions } from '../presets';
import { forkRandom } from '../random';
import { buildDataFlow } from './dataFlow';
import { buildEventTypes } from './eventTypes';
import { buildOrganization } from './organization';
import type { Platform } from './types';

/**
 * Builds the compact model of a synthetic data platform, deterministically
 * from `options.seed`. Turn it into catalog entities with
 * `generatePlatformEntities` and into OpenLineage events with
 * `generateOpenLineageEvents`; both stream.
 */
export function buildPlatform(options: PlatformOptions = {}): Platform {
  const resolved = resolvePlatformOptions(options);
  const { seed, counts } = resolved;
  const organization = buildOrganization(
    counts.teams,
    forkRandom(seed, 'organization'),
  );
  const eventTypes = buildEventTypes(
    counts.eventTypes,
    organization,
    forkRandom(seed, 'event-types'),
  );
  const flow = buildDataFlow(
    counts,
    organization,
    eventTypes,
    forkRandom(seed, 'data-flow'),
  );
  return {
    options: resolved,
    domains: organization.domains,
    tribes: organization.tribes,
    teams: organization.teams,
    users: organization.users,
    systems: organization.systems,
    components: organization.components,
    eventTypes: flow.eventTypes,
    endpoints: flow.endpoints,
    pipelines: flow.pipelines,
    hubs: flow.hubs,
  };
}
