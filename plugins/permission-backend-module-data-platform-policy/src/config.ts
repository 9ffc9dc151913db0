import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Whom the policy trusts beyond an entity's owners. */
export type DataPlatformPolicyConfig = {
  /** Entity refs, lower-cased: platform administrators. */
  adminGroups: string[];
  /** Entity refs, lower-cased: may act on any alert. */
  onCallGroups: string[];
};

/** Reads `dataPlatform.permissions`; throws naming the key of a bad ref. */
export function readDataPlatformPolicyConfig(
  config: Config,
): DataPlatformPolicyConfig {
  const refs = (key: string) =>
    (
      config.getOptionalStringArray(`dataPlatform.permissions.${key}`) ?? []
    ).map((value, index) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(value.trim(), {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        ).toLocaleLowerCase('en-US');
      } catch (error) {
        throw new Error(
          `dataPlatform.permissions.${key}[${index}]: "${value}" is no entity ref (${
            (error as Error).message
          })`,
        );
      }
    });
  return {
    adminGroups: refs('adminGroups'),
    onCallGroups: refs('onCallGroups'),
  };
}
