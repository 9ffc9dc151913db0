import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isDataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { personalDataApi } from '../api/personalDataApiExtension';

/** Findings on a DataEndpoint page (`entity-card:data-platform/data-endpoint-pii-findings`). */
export const endpointPiiFindingsCard = EntityCardBlueprint.make({
  name: 'data-endpoint-pii-findings',
  params: {
    type: 'content',
    filter: isDataEndpointEntity,
    loader: () =>
      import('./EndpointPiiFindingsCard').then(m => (
        <m.EndpointPiiFindingsCard />
      )),
  },
});

const isOwnerKind = (kind: string) =>
  ['group', 'user'].includes(kind.toLocaleLowerCase('en-US'));

/** Findings on the endpoints a Group or User owns (`entity-card:data-platform/owner-pii-findings`). */
export const ownerPiiFindingsCard = EntityCardBlueprint.make({
  name: 'owner-pii-findings',
  params: {
    type: 'content',
    filter: entity => isOwnerKind(entity.kind),
    loader: () =>
      import('./OwnerPiiFindingsCard').then(m => <m.OwnerPiiFindingsCard />),
  },
});

/** Every extension of personal data along lineage, API included. */
export const personalDataExtensions = [
  personalDataApi,
  endpointPiiFindingsCard,
  ownerPiiFindingsCard,
];
