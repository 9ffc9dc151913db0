import { mockServices } from '@backstage/backend-test-utils';
import { GcpProvisioner } from '../GcpProvisioner';
import type { GcpProvisioningConfig } from '../config';
import { presetAuth, testClock } from './googleApis';
import { KEY, POLICY_TAGS } from './platform';

/** A provisioner talking REST to msw, with an instant clock and three attempts per call. */
export function testProvisioner(config: Partial<GcpProvisioningConfig> = {}) {
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
    random: () => 0.5,
  });
  return { provisioner, clock, logger: mockServices.logger.mock() };
}
