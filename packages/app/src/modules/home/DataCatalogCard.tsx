import { useRouteRef } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { Flex, Link, Text } from '@backstage/ui';
import { DATA_PLATFORM_CATALOG_KINDS, catalogKindLink } from './catalogKinds';
import { useKindCounts } from './useKindCounts';

/**
 * The data platform's kinds, each with how many of them the catalog holds
 * and a link to the catalog listing them.
 */
export function DataCatalogCard() {
  const catalogIndex = useRouteRef(catalogPlugin.routes.catalogIndex);
  const counts = useKindCounts();
  return (
    <Flex direction="column" gap="4">
      <Flex
        direction="column"
        gap="4"
        role="list"
        aria-label="Data platform kinds"
      >
        {DATA_PLATFORM_CATALOG_KINDS.map(({ kind, label, description }) => (
          <div role="listitem" key={kind}>
            <Flex align="baseline" gap="2">
              {catalogIndex ? (
                <Link
                  href={catalogKindLink(catalogIndex(), kind)}
                  weight="bold"
                >
                  {label}
                </Link>
              ) : (
                <Text weight="bold">{label}</Text>
              )}
              {counts.value && (
                <Text color="secondary">
                  {(
                    counts.value.get(kind.toLocaleLowerCase('en-US')) ?? 0
                  ).toLocaleString('en-US')}
                </Text>
              )}
            </Flex>
            <Text as="p" variant="body-small" color="secondary">
              {description}
            </Text>
          </div>
        ))}
      </Flex>
      {counts.error && (
        <Text as="p" variant="body-small" color="danger">
          Could not count the catalog's entities: {counts.error.message}
        </Text>
      )}
    </Flex>
  );
}
