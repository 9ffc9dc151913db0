import { CopyTextButton, WarningPanel } from '@backstage/core-components';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Link } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { RiExternalLinkLine } from '@remixicon/react';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  endpointAddress,
  endpointConsoleUrl,
  endpointTypeLabel,
} from '../../format/endpointLocation';
import { EndpointAddress } from '../EndpointAddress';
import { EndpointTypeLabel } from '../EndpointTypeLabel';
import { SpecField, SpecFieldGrid } from '../SpecField';

const useStyles = makeStyles({
  address: {
    fontFamily: 'var(--bui-font-monospace)',
    fontSize: '0.875rem',
    overflowWrap: 'anywhere',
    padding: 'var(--bui-space-1) var(--bui-space-2)',
    borderRadius: 'var(--bui-radius-2)',
    backgroundColor: 'var(--bui-bg-neutral-2)',
    flex: 1,
  },
});

const REQUIRED_PARTS: Record<string, string> = {
  'bigquery-table': 'project, dataset and table',
  'pubsub-topic': 'project and topic',
  'gcs-path': 'bucket',
};

/**
 * Where a data endpoint physically lives: the store type and the address to
 * paste into a query or client, with a copy button and a console link.
 */
export function DataEndpointLocationCard() {
  const { entity } = useEntity<DataEndpointEntity>();
  const spec = entity.spec;
  const address = spec ? endpointAddress(spec) : undefined;
  const consoleUrl = spec ? endpointConsoleUrl(spec) : undefined;
  const classes = useStyles();

  return (
    <EntityInfoCard title="Location">
      <SpecFieldGrid>
        <SpecField label="Store">
          <EndpointTypeLabel type={spec?.type} weight="bold" />
        </SpecField>
        {spec?.location?.project && (
          <SpecField label="GCP project" value={spec.location.project} />
        )}
        <SpecField label="Address" wide>
          {address ? (
            <Flex direction="column" gap="2">
              <Flex align="center" gap="1">
                <EndpointAddress
                  address={address}
                  className={classes.address}
                />
                <CopyTextButton
                  text={address}
                  tooltipText="Address copied"
                  aria-label={`Copy ${address}`}
                  variant="tertiary"
                />
              </Flex>
              {consoleUrl && (
                <Link
                  href={consoleUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  variant="body-small"
                >
                  <Flex align="center" gap="1">
                    Open in Google Cloud console
                    <RiExternalLinkLine size={14} aria-hidden />
                  </Flex>
                </Link>
              )}
            </Flex>
          ) : (
            <WarningPanel
              severity="warning"
              title="Incomplete location"
              message={`A ${endpointTypeLabel(spec?.type)} needs ${
                REQUIRED_PARTS[spec?.type ?? ''] ?? 'a location'
              } under spec.location.`}
            />
          )}
        </SpecField>
      </SpecFieldGrid>
    </EntityInfoCard>
  );
}
