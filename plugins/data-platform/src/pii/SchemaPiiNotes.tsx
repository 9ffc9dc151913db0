import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  SchemaField,
  flattenFields,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { DerivedPiiMarks } from './DerivedPiiMarks';
import { sourceEndpoint } from './piiWords';
import type { EndpointPiiState } from './useEndpointPii';

const useStyles = makeStyles(
  {
    column: { fontFamily: 'var(--bui-font-monospace)', fontSize: '0.8125rem' },
  },
  { name: 'DataPlatformSchemaPiiNotes' },
);

/**
 * Under an endpoint's schema table: what its derived marks mean, the
 * columns receiving personal data that the schema does not list, and why
 * no derived marks are shown when the API could not answer.
 */
export function SchemaPiiNotes(props: {
  pii: EndpointPiiState;
  fields: SchemaField[];
}) {
  const classes = useStyles();
  const { pii } = props;
  if (!pii.available || pii.loading) return null;
  if (pii.error) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        Personal data derived along lineage is not shown: it could not be loaded
        ({pii.error.message}).
      </Text>
    );
  }
  const inSchema = new Set(flattenFields(props.fields).map(f => f.path));
  const received = [...pii.columns.values()].filter(c => c.derived.length > 0);
  const unlisted = received.filter(c => !inSchema.has(c.column));
  if (received.length === 0) return null;
  const mayContainFrom = [
    ...new Set(
      received.flatMap(c =>
        c.derived
          .filter(d => d.certainty !== 'derived')
          .map(d => sourceEndpoint(d.path)),
      ),
    ),
  ];
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-small" color="secondary">
        Dashed marks: personal data derived along column lineage from a declared
        column upstream, with no masking on the way. Dotted: may contain
        personal data
        {mayContainFrom.length > 0 && ` from ${mayContainFrom.join(', ')}`},
        where only dataset-level lineage reaches this endpoint. Hover over or
        focus a mark for the path it took.
      </Text>
      {unlisted.length > 0 && (
        <Flex direction="column" gap="1">
          <Text as="p" variant="body-small">
            Not in this schema, but receiving personal data along lineage:
          </Text>
          {unlisted.map(c => (
            <Flex key={c.column} gap="2" align="center">
              <span className={classes.column}>{c.column}</span>
              <DerivedPiiMarks declared={c.declared} column={c} />
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
