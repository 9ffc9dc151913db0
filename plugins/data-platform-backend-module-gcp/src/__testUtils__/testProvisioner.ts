import { mockServices } from '@backstage/backend-test-utils';
import { GcpProvisioner } from '../GcpProvisioner';
import type { GcpProvisioningConfig } from '../config';
import { presetAuth, testClock } from './googleApis';
import { KEY, POLICY_TAGS } from './platform';

/**
 * A provisioner talking REST to msw, with an instant clock, three attempts
 * per call and every read in bulk (`readsOneByOne` for the one-by-one reads).
 */
export function testProvisioner(
  config: Partial<GcpProvisioningConfig> = {},
  options: { readsOneByOne?: boolean } = {},
) {
  const clock = testClock();
  const provisioner = new GcpProvisioner({
    config: {
      location: 'EU',
      policyTags: POLICY_TAGS,
      observeAccess: false,
      delivery: { pseudonymizationKey: KEY },
      ...config,
    },
    clients: { authClient: presetAuth(), pubSubOverRest: true },
    clock,
    retryPolicy: { attempts: 3, initialDelayMs: 100, maxDelayMs: 1000 },
    // The tests of reads in bulk ask about few resources.
    readsOneByOneUpTo: options.readsOneByOne ? 10 : 0,
    random: () => 0.5,
  });
  return { provisioner, clock, logger: mockServices.logger.mock() };
}
