import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isDataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { dataQualityApi } from '../api/qualityApiExtension';
import { QUALITY_TAB_PATH } from './links';

/** The Quality tab of DataEndpoint pages (`entity-content:data-platform/quality`). */
export const qualityEntityContent = EntityContentBlueprint.make({
  name: 'quality',
  params: {
    path: `/${QUALITY_TAB_PATH}`,
    title: 'Quality',
    group: 'observability',
    filter: isDataEndpointEntity,
    loader: () => import('./QualityContent').then(m => <m.QualityContent />),
  },
});

/** Endpoint scores on Group pages, worst first (`entity-card:data-platform/group-quality`). */
export const groupQualityCard = EntityCardBlueprint.make({
  name: 'group-quality',
  params: {
    type: 'content',
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'group',
    loader: () =>
      import('./group/GroupQualityCard').then(m => <m.GroupQualityCard />),
  },
});

/** Every extension of data quality, API included, for the plugin's list. */
export const qualityExtensions = [
  dataQualityApi,
  qualityEntityContent,
  groupQualityCard,
];
