/*
 * The GCP provisioner as the provisioning benchmark runs it: the module's
 * own class with the official clients pointed at the fake Google APIs
 * (Pub/Sub over its REST transport), credentials already in hand, and the
 * clock it shares with the fake.
 */
import {
  Clock,
  GcpProvisioner,
} from '@dataplatform/backstage-plugin-data-platform-backend-module-gcp';
import { OAuth2Client } from 'google-auth-library';

/** The taxonomy tag of pseudonymized columns the bench configures. */
export const BENCH_POLICY_TAG =
  'projects/tunewave-governance/locations/eu/taxonomies/4471/policyTags/1811';

export function gcpAgainstFake(
  endpoints: { bigQuery: string; pubSub: string },
  clock?: Clock,
): GcpProvisioner {
  const authClient = new OAuth2Client();
  authClient.setCredentials({
    access_token: 'bench-token',
    expiry_date: Date.now() + 24 * 3600e3,
  });
  return new GcpProvisioner({
    config: {
      location: 'EU',
      policyTags: { pseudonymize: BENCH_POLICY_TAG },
      observeAccess: false,
      delivery: { pseudonymizationKey: 'bench-pseudonymization-key-0001' },
    },
    clients: { authClient, pubSubOverRest: true, apiEndpoints: endpoints },
    ...(clock ? { clock } : {}),
  });
}
