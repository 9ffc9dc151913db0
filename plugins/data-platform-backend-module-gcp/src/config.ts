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

/** What the BigQuery quality runner reads of `dataPlatform.gcp`. */
export type GcpQualityConfig = {
  /** Undefined: every project, as for provisioning. */
  projects?: string[];
  /** The most bytes one check query may bill (`maximumBytesBilled`). */
  maximumBytesBilled: number;
};

/** 10 GiB: a day of a wide, busy event table, scanned for a few columns. */
export const DEFAULT_MAXIMUM_BYTES_BILLED = 10 * 1024 ** 3;
/** BigQuery bills at least 10 MB per table a query reads; a lower cap stops every query. */
const MINIMUM_BYTES_BILLED = 10 * 1024 ** 2;

/** Reads the quality runner's keys of `dataPlatform.gcp`; undefined when the block is absent. */
export function readGcpQualityConfig(
  root: Config,
): GcpQualityConfig | undefined {
  const config = root.getOptionalConfig('dataPlatform.gcp');
  if (!config) return undefined;
  const cap =
    config.getOptionalNumber('quality.maximumBytesBilled') ??
    DEFAULT_MAXIMUM_BYTES_BILLED;
  if (!Number.isSafeInteger(cap) || cap < MINIMUM_BYTES_BILLED) {
    throw new Error(
      `dataPlatform.gcp.quality.maximumBytesBilled must be a whole number of bytes of at least ${MINIMUM_BYTES_BILLED} (10 MiB, what BigQuery bills a query at least)`,
    );
  }
  return {
    projects: config.getOptionalStringArray('projects'),
    maximumBytesBilled: cap,
  };
}
