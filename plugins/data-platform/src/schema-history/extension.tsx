import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isEventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * The Schema tab of EventType pages: every revision and a diff between any
 * two (extension `entity-content:data-platform/event-type-schema-history`).
 */
export const schemaHistoryContent = EntityContentBlueprint.make({
  name: 'event-type-schema-history',
  params: {
    path: '/schema',
    title: 'Schema',
    filter: isEventTypeEntity,
    loader: () =>
      import('./EventTypeSchemaHistoryContent').then(m => (
        <m.EventTypeSchemaHistoryContent />
      )),
  },
});
