import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Badge, Flex, Text } from '@backstage/ui';
import { RiGitBranchLine, RiShieldCheckLine } from '@remixicon/react';
import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  DEFAULT_COMPATIBILITY,
  compatibilityExplanation,
} from '../../format/compatibility';
import { MissingSpecField } from '../MissingSpecField';
import { SchemaFieldsTable } from '../SchemaFieldsTable';
import { SchemaSummary } from './SchemaSummary';
import { useHighlightedField } from '../SchemaFieldsTable/useHighlightedField';

/** Header badges of a schema: its revision and compatibility mode. */
export function SchemaRevisionBadges(props: {
  revision?: number;
  compatibility?: string;
}) {
  const compatibility = props.compatibility ?? DEFAULT_COMPATIBILITY;
  return (
    <Flex gap="2" align="center">
      {props.revision !== undefined && (
        <Badge size="small" icon={<RiGitBranchLine size={14} aria-hidden />}>
          Revision {props.revision}
        </Badge>
      )}
      <Badge
        size="small"
        icon={<RiShieldCheckLine size={14} aria-hidden />}
        title={compatibilityExplanation(compatibility)}
      >
        {compatibility} compatibility
      </Badge>
    </Flex>
  );
}

/**
 * The current schema of an event type: its fields (nested records
 * expandable, PII marked), revision and compatibility mode.
 */
export function EventTypeSchemaCard() {
  const { entity } = useEntity<EventTypeEntity>();
  const highlightPath = useHighlightedField();
  const schema = entity.spec?.schema;
  const fields = schema?.fields ?? [];
  const promise = compatibilityExplanation(
    schema?.compatibility ?? DEFAULT_COMPATIBILITY,
  );

  return (
    <EntityInfoCard
      title="Schema"
      headerActions={
        schema && (
          <SchemaRevisionBadges
            revision={schema.revision}
            compatibility={schema.compatibility}
          />
        )
      }
    >
      {fields.length === 0 ? (
        <MissingSpecField
          size="large"
          title="No schema fields declared"
          description="Consumers, the warehouse tables and the PII policy are all derived from the event type's fields. Declare them under spec.schema in the catalog YAML."
          yaml={`spec:
  schema:
    revision: 1
    compatibility: BACKWARD
    fields:
      - name: user_id
        type: STRING
        mode: REQUIRED
        pii: pseudonymize
        description: Who triggered the event`}
        />
      ) : (
        <Flex direction="column" gap="2">
          {promise && (
            <Text as="p" variant="body-small" color="secondary">
              {promise}
            </Text>
          )}
          <SchemaFieldsTable
            fields={fields}
            toolbar={<SchemaSummary fields={fields} />}
            highlightPath={highlightPath}
          />
        </Flex>
      )}
    </EntityInfoCard>
  );
}
