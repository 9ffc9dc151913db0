import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Badge, Button, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { plural } from '../format/words';
import { PiiFindingItem } from './PiiFindingItem';
import { useOwnerPiiFindings } from './useOwnerPiiFindings';

/** Findings per page of the card. */
export const OWNER_FINDINGS_PAGE = 10;

const useStyles = makeStyles(
  { list: { listStyle: 'none', margin: 0, padding: 0 } },
  { name: 'DataPlatformOwnerPiiFindingsCard' },
);

function HiddenNote(props: { hidden?: number }) {
  if (!props.hidden) return null;
  return (
    <Text as="p" variant="body-small" color="secondary">
      {plural(props.hidden, 'more finding is', 'more findings are')} on
      endpoints you may not read, and not shown.
    </Text>
  );
}

/**
 * On a group's or user's page: the findings on the data endpoints it owns,
 * where declared PII marks miss personal data arriving along lineage.
 */
export function OwnerPiiFindingsCard() {
  const { entity } = useEntity();
  const classes = useStyles();
  const ownerRef = stringifyEntityRef(entity);
  const owner =
    entity.kind.toLocaleLowerCase('en-US') === 'user'
      ? 'this user owns'
      : 'this group owns';
  const { value, loading, error, offset, setOffset } = useOwnerPiiFindings(
    ownerRef,
    OWNER_FINDINGS_PAGE,
  );

  let body;
  if (loading) body = <Progress />;
  else if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="Could not load the personal data findings"
      />
    );
  } else if (!value || value.total === 0) {
    body = (
      <Flex direction="column" gap="1">
        <Text as="p" variant="body-small" color="secondary">
          No findings on the data endpoints {owner}. A finding is an endpoint
          receiving personal data along lineage that its schema's PII marks
          miss.
        </Text>
        <HiddenNote hidden={value?.hidden} />
      </Flex>
    );
  } else {
    const last = offset + value.items.length;
    body = (
      <Flex direction="column" gap="2">
        <ul className={classes.list} aria-label="Personal data findings">
          {value.items.map((finding, i) => (
            <PiiFindingItem
              key={`${finding.endpoint}/${finding.column ?? ''}/${i}`}
              finding={finding}
              endpoint={
                // underlined: inside the heading, colour alone is too weak
                <EntityRefLink
                  entityRef={finding.endpoint}
                  title={finding.title}
                  underline="always"
                />
              }
            />
          ))}
        </ul>
        <HiddenNote hidden={value.hidden} />
        {value.total > OWNER_FINDINGS_PAGE && (
          <Flex gap="2" align="center" justify="end">
            <Text variant="body-small" color="secondary">
              {offset + 1}–{last} of {value.total}
            </Text>
            <Button
              size="small"
              variant="secondary"
              isDisabled={offset === 0}
              onPress={() =>
                setOffset(Math.max(0, offset - OWNER_FINDINGS_PAGE))
              }
            >
              Previous
            </Button>
            <Button
              size="small"
              variant="secondary"
              isDisabled={last >= value.total}
              onPress={() => setOffset(offset + OWNER_FINDINGS_PAGE)}
            >
              Next
            </Button>
          </Flex>
        )}
      </Flex>
    );
  }
  return (
    <EntityInfoCard
      title="Personal data findings on owned endpoints"
      headerActions={
        !!value?.total && (
          <Badge size="small">{plural(value.total, 'finding')}</Badge>
        )
      }
    >
      {body}
    </EntityInfoCard>
  );
}
