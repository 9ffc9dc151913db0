import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Entity } from '@backstage/catalog-model';
import TimelineIcon from '@material-ui/icons/Timeline';
import { LINEAGE_TAB_PATH, lineageExplorerRouteRef } from '../routes';

const hasLineage = (entity: Entity) =>
  isEventTypeEntity(entity) ||
  isPipelineEntity(entity) ||
  isDataEndpointEntity(entity);

/** The Lineage tab on event types, pipelines and data endpoints (`entity-content:data-platform/lineage`). */
export const lineageEntityContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: LINEAGE_TAB_PATH,
    title: 'Lineage',
    filter: hasLineage,
    loader: () =>
      import('./components/EntityLineageContent').then(m => (
        <m.EntityLineageContent />
      )),
  },
});

/** The full-page explorer at /data-lineage, in the nav as "Lineage" (`page:data-platform/lineage`). */
export const lineageExplorerPage = PageBlueprint.make({
  name: 'lineage',
  params: {
    path: '/data-lineage',
    title: 'Lineage',
    icon: <TimelineIcon />,
    routeRef: lineageExplorerRouteRef,
    loader: () =>
      import('./components/LineageExplorerPage').then(m => (
        <m.LineageExplorerPage />
      )),
  },
});
