import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isEventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * The Schema history tab of EventType pages
 * (extension `entity-content:data-platform/event-type-schema-history`).
 */
export const schemaHistoryContent = EntityContentBlueprint.make({
  name: 'event-type-schema-history',
  params: {
    path: '/schema-history',
    title: 'Schema history',
    filter: isEventTypeEntity,
    loader: () =>
      import('./EventTypeSchemaHistoryContent').then(m => (
        <m.EventTypeSchemaHistoryContent />
      )),
  },
});
