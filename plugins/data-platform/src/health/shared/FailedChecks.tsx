import { Flex, Link, Text } from '@backstage/ui';
import type { FailedQualityCheck } from '@dataplatform/backstage-plugin-data-platform-common';
import { endpointName } from '../../format/entityNames';
import { useEndpointQualityLink } from '../../routes';

/** Props of {@link FailedChecks}. */
export interface FailedChecksProps {
  checks: FailedQualityCheck[];
  /** Checks listed at most; the rest are counted. Default: all. */
  max?: number;
  /** Whether each check's message is written out (else it is the tooltip). */
  withMessages?: boolean;
}

/**
 * The failing critical checks behind a bad-data alert: each check's name
 * linked to its endpoint's Quality tab (where its metric, expectation and
 * query are), and the endpoint it failed on.
 */
export function FailedChecks(props: FailedChecksProps) {
  const { checks, max, withMessages } = props;
  const qualityLink = useEndpointQualityLink();
  const shown = max === undefined ? checks : checks.slice(0, max);
  const more = checks.length - shown.length;
  return (
    <Flex
      direction="column"
      gap="0"
      data-testid="failed-checks"
      aria-label="Failing critical checks"
    >
      {shown.map(check => (
        <Text
          key={`${check.endpointRef}|${check.check}|${check.source}`}
          variant="body-x-small"
          title={check.message}
        >
          <Link
            href={qualityLink(check.endpointRef)}
            variant="body-x-small"
            weight="bold"
          >
            {check.check}
          </Link>{' '}
          on {endpointName(check.endpointRef)}
          {withMessages && (
            <>
              : {check.message}{' '}
              <Text as="span" variant="body-x-small" color="secondary">
                ({check.source})
              </Text>
            </>
          )}
        </Text>
      ))}
      {more > 0 && (
        <Text variant="body-x-small" color="secondary">
          and {more} more
        </Text>
      )}
    </Flex>
  );
}
