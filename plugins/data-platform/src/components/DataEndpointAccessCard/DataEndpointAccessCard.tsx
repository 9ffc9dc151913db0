import { useMemo } from 'react';
import {
  EntityInfoCard,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { specEntityRefs } from '../../format/entityRefs';
import { MissingSpecField } from '../MissingSpecField';
import { SpecField, SpecFieldGrid } from '../SpecField';

/** Who may read and write a data endpoint, as links to the groups. */
export function DataEndpointAccessCard() {
  const { entity } = useEntity<DataEndpointEntity>();
  const access = entity.spec?.access;
  const readers = useMemo(
    () =>
      specEntityRefs(access?.readers, {
        defaultKind: 'group',
        referrer: entity,
      }),
    [access?.readers, entity],
  );
  const writers = useMemo(
    () =>
      specEntityRefs(access?.writers, {
        defaultKind: 'group',
        referrer: entity,
      }),
    [access?.writers, entity],
  );

  return (
    <EntityInfoCard title="Access">
      {readers.length === 0 && writers.length === 0 ? (
        <MissingSpecField
          title="No access declared"
          description="Provisioning grants no one access to this endpoint until readers and writers are listed. Where access is enforced (IAM on Google Cloud) they become IAM bindings; the local warehouse does not enforce access. The Infrastructure tab shows what is granted."
          yaml={`spec:
  access:
    readers: [group:default/listening-insights]
    writers: [group:default/playback]`}
        />
      ) : (
        <SpecFieldGrid>
          <SpecField label="Readers" wide>
            {readers.length > 0 ? (
              <EntityRefLinks entityRefs={readers} defaultKind="group" />
            ) : (
              <Text variant="body-small" color="secondary">
                None listed
              </Text>
            )}
          </SpecField>
          <SpecField label="Writers" wide>
            {writers.length > 0 ? (
              <EntityRefLinks entityRefs={writers} defaultKind="group" />
            ) : (
              <Text variant="body-small" color="secondary">
                None listed
              </Text>
            )}
          </SpecField>
        </SpecFieldGrid>
      )}
    </EntityInfoCard>
  );
}
