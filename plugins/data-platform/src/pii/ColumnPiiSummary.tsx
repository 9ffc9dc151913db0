import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { ColumnPii } from '@dataplatform/backstage-plugin-data-platform-common';
import { PiiBadge } from '../components/SchemaFieldsTable/PiiBadge';
import { DerivedPiiMarks } from './DerivedPiiMarks';
import { PiiPath } from './PiiPath';
import type { EndpointPiiState } from './useEndpointPii';

const useStyles = makeStyles(
  {
    box: {
      marginTop: 16,
      padding: 12,
      border: '1px solid var(--bui-border-1, #e0e0e0)',
      borderRadius: 4,
    },
    label: { fontWeight: 600 },
  },
  { name: 'DataPlatformColumnPiiSummary' },
);

/** In the column picker: "PII derived" / "may contain PII", or nothing. */
export function columnPiiHint(column: ColumnPii | undefined): string {
  const derived = (column?.derived ?? []).filter(
    d => d.classification !== column?.declared,
  );
  if (derived.some(d => d.certainty === 'derived')) return ' · PII derived';
  if (derived.length > 0) return ' · may contain PII';
  return '';
}

/**
 * The personal data of the column the Columns view shows: its declared
 * mark, and what reaches it from upstream with the path of columns each
 * came through. Nothing when the column has neither.
 */
export function ColumnPiiSummary(props: {
  column: string;
  pii: EndpointPiiState;
}) {
  const classes = useStyles();
  const { pii } = props;
  if (!pii.available || pii.loading) return null;
  if (pii.error) {
    return (
      <Text as="p" variant="body-small" color="secondary">
        Personal data reaching {props.column} along lineage is not shown: it
        could not be loaded ({pii.error.message}).
      </Text>
    );
  }
  const column = pii.columns.get(props.column);
  const declared = column?.declared;
  const derived = (column?.derived ?? []).filter(
    d => d.classification !== declared,
  );
  if (!column || (derived.length === 0 && (!declared || declared === 'none')))
    return null;
  return (
    <section
      className={classes.box}
      aria-label={`Personal data in ${props.column}`}
    >
      <Flex direction="column" gap="2">
        <Flex gap="2" align="center">
          <Text variant="body-small" className={classes.label}>
            Personal data
          </Text>
          {declared && declared !== 'none' && (
            <>
              <PiiBadge pii={declared} />
              <Text variant="body-small" color="secondary">
                declared in the schema
              </Text>
            </>
          )}
          <DerivedPiiMarks declared={declared} column={column} />
        </Flex>
        {derived.map((d, i) => (
          <Flex key={i} gap="1" align="baseline">
            <Text variant="body-small" color="secondary">
              {d.certainty === 'derived'
                ? `${d.classification}, derived through`
                : `May contain ${d.classification}, through`}
            </Text>
            <PiiPath path={d.path} label={`Path of ${d.classification} data`} />
          </Flex>
        ))}
      </Flex>
    </section>
  );
}
