import { Config } from '@backstage/config';
import {
  BREAKING_CONSUMERS_POLICIES,
  BreakingConsumersPolicy,
  DEFAULT_BREAKING_CONSUMERS_POLICY,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** `dataPlatform.schemaChanges`, with its defaults applied. */
export type SchemaChangesConfig = {
  breakingConsumers: BreakingConsumersPolicy;
};

export function readSchemaChangesConfig(root: Config): SchemaChangesConfig {
  const key = 'dataPlatform.schemaChanges.breakingConsumers';
  const value =
    root.getOptionalString(key) ?? DEFAULT_BREAKING_CONSUMERS_POLICY;
  if (!(BREAKING_CONSUMERS_POLICIES as readonly string[]).includes(value)) {
    throw new Error(
      `${key} must be one of ${BREAKING_CONSUMERS_POLICIES.join(
        ', ',
      )}, not ${value}`,
    );
  }
  return { breakingConsumers: value as BreakingConsumersPolicy };
}
