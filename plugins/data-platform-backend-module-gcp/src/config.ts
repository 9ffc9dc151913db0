import type { Config } from '@backstage/config';
import {
  MIN_ANONYMIZATION_KEY_LENGTH,
  PiiPolicyTags,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** The `dataPlatform.gcp` configuration, read once. */
export type GcpProvisioningConfig = {
  /** Undefined: every project. */
  projects?: string[];
  location: string;
  policyTags: PiiPolicyTags;
  principalDomain?: string;
  observeAccess: boolean;
  delivery: {
    pseudonymizationKey?: string;
    serviceAccountEmail?: string;
  };
};

/** Reads `dataPlatform.gcp`; undefined when the block is absent. */
export function readGcpProvisioningConfig(
  root: Config,
): GcpProvisioningConfig | undefined {
  const config = root.getOptionalConfig('dataPlatform.gcp');
  if (!config) return undefined;
  const tags = config.getOptionalConfig('policyTags');
  const policyTags: PiiPolicyTags = {};
  for (const pii of ['pseudonymize', 'encrypt', 'drop'] as const) {
    const tag = tags?.getOptionalString(pii);
    if (tag) policyTags[pii] = tag;
  }
  const key = config.getOptionalString('delivery.pseudonymizationKey');
  if (key !== undefined && key.length < MIN_ANONYMIZATION_KEY_LENGTH) {
    throw new Error(
      `dataPlatform.gcp.delivery.pseudonymizationKey must have at least ${MIN_ANONYMIZATION_KEY_LENGTH} characters`,
    );
  }
  return {
    projects: config.getOptionalStringArray('projects'),
    location: config.getOptionalString('location') ?? 'US',
    policyTags,
    principalDomain: config.getOptionalString('principalDomain'),
    observeAccess: config.getOptionalBoolean('observeAccess') ?? false,
    delivery: {
      pseudonymizationKey: key,
      serviceAccountEmail: config.getOptionalString(
        'delivery.serviceAccountEmail',
      ),
    },
  };
}
