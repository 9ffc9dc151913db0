import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { SchemaRevisionBadges, SchemaSummary } from '../EventTypeSchemaCard';
import { MissingSpecField } from '../MissingSpecField';
import { SchemaFieldsTable } from '../SchemaFieldsTable';
import { SchemaPiiNotes } from '../../pii/SchemaPiiNotes';
import { useEndpointPii } from '../../pii/useEndpointPii';
import { useEndpointEventType } from './useReferencedEventType';
import { useHighlightedField } from '../SchemaFieldsTable/useHighlightedField';

/**
 * The schema of a data endpoint: its own fields, or those of the event type
 * it stores, fetched from the catalog and linked. Personal data reaching
 * its columns along lineage is marked beside the declared marks.
 */
export function DataEndpointSchemaCard() {
  const { entity } = useEntity<DataEndpointEntity>();
  const highlightPath = useHighlightedField();
  const schema = entity.spec?.schema;
  const { ref: eventTypeRef, referenced } = useEndpointEventType(entity);
  const pii = useEndpointPii(stringifyEntityRef(entity));

  if (schema?.fields?.length) {
    return (
      <EntityInfoCard title="Schema">
        <Flex direction="column" gap="2">
          <SchemaFieldsTable
            fields={schema.fields}
            toolbar={<SchemaSummary fields={schema.fields} />}
            highlightPath={highlightPath}
            columnPii={pii.columns}
          />
          <SchemaPiiNotes pii={pii} fields={schema.fields} />
        </Flex>
      </EntityInfoCard>
    );
  }

  if (!eventTypeRef || !referenced) {
    return (
      <EntityInfoCard title="Schema">
        <MissingSpecField
          size="large"
          title="No schema declared"
          description="Declare the endpoint's own fields, or name the event type whose events it stores."
          yaml={`spec:
  schema:
    eventType: eventtype:default/track-played
    # or, for a derived dataset, its own fields:
    # fields:
    #   - name: user_id
    #     type: STRING
    #     pii: pseudonymize`}
        />
      </EntityInfoCard>
    );
  }

  const refText = stringifyEntityRef(eventTypeRef);
  return (
    <EntityInfoCard
      title="Schema"
      headerActions={
        referenced.state === 'found' && (
          <SchemaRevisionBadges
            revision={referenced.eventType.spec?.schema?.revision}
            compatibility={referenced.eventType.spec?.schema?.compatibility}
          />
        )
      }
    >
      {referenced.state === 'loading' && <Progress />}
      {referenced.state === 'error' && (
        <ResponseErrorPanel
          title={`Could not load the event type ${refText}`}
          error={referenced.error}
        />
      )}
      {referenced.state === 'missing' && (
        <WarningPanel
          severity="warning"
          title="Event type not in the catalog"
          message={`spec.schema.eventType names ${refText}, which the catalog does not have. Check the name, or register the event type.`}
        />
      )}
      {referenced.state === 'wrong-kind' && (
        <WarningPanel
          severity="warning"
          title="Not an event type"
          message={`spec.schema.eventType names ${refText}, a ${referenced.kind}. It must name an EventType.`}
        />
      )}
      {referenced.state === 'found' && (
        <Flex direction="column" gap="2">
          <Text as="p" variant="body-small" color="secondary">
            Stores events of <EntityRefLink entityRef={referenced.eventType} />;
            the fields below are that event type's current revision.
          </Text>
          <SchemaFieldsTable
            fields={referenced.eventType.spec?.schema?.fields ?? []}
            highlightPath={highlightPath}
            toolbar={
              <SchemaSummary
                fields={referenced.eventType.spec?.schema?.fields ?? []}
              />
            }
            columnPii={pii.columns}
          />
          <SchemaPiiNotes
            pii={pii}
            fields={referenced.eventType.spec?.schema?.fields ?? []}
          />
        </Flex>
      )}
    </EntityInfoCard>
  );
}
