import { Link } from '@backstage/core-components';
import { useAnalytics } from '@backstage/frontend-plugin-api';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { Badge, Flex, Text } from '@backstage/ui';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  PiiClassification,
  SchemaFieldSearchDocument,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { PiiBadge } from '../components/SchemaFieldsTable/PiiBadge';

const useStyles = makeStyles(
  {
    path: {
      fontFamily: 'var(--bui-font-monospace)',
      fontSize: '1rem',
      fontWeight: 600,
    },
    type: { fontFamily: 'var(--bui-font-monospace)' },
    // on a phone the owner moves below the entity whole, not broken in two
    entity: { flexWrap: 'wrap', rowGap: 4 },
    owner: { whiteSpace: 'nowrap' },
  },
  { name: 'DataPlatformSchemaFieldResultListItem' },
);

/** Props of {@link SchemaFieldResultListItem}. @public */
export interface SchemaFieldResultListItemProps {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
}

/**
 * A schema field found by search: its path (the matched part marked), type
 * and mode, PII mark, and the entity and owner it belongs to. It links to
 * the entity's schema opened at the field.
 */
export function SchemaFieldResultListItem(
  props: SchemaFieldResultListItemProps,
) {
  const classes = useStyles();
  const analytics = useAnalytics();
  const field = props.result as unknown as
    | SchemaFieldSearchDocument
    | undefined;
  if (!field) return null;
  const title = props.highlight?.fields?.title;
  return (
    <ListItem alignItems="flex-start" divider>
      <Flex direction="column" gap="1">
        <Link
          to={field.location}
          noTrack
          onClick={() =>
            analytics.captureEvent('discover', field.title, {
              attributes: { to: field.location },
              value: props.rank,
            })
          }
        >
          <span className={classes.path}>
            {title ? (
              <HighlightedSearchResultText
                text={title}
                preTag={props.highlight!.preTag}
                postTag={props.highlight!.postTag}
              />
            ) : (
              field.title
            )}
          </span>
        </Link>
        <Flex gap="2" align="center">
          <Text variant="body-small" className={classes.type}>
            {field.type}
          </Text>
          <Text variant="body-small" color="secondary">
            {field.mode}
          </Text>
          <PiiBadge pii={field.pii as PiiClassification} />
        </Flex>
        <Flex gap="2" align="center" className={classes.entity}>
          <Text variant="body-small">
            {field.kind === 'EventType' ? 'Event type' : 'Data endpoint'}{' '}
            <strong>{field.entityTitle}</strong>
          </Text>
          {field.owner && (
            <Badge size="small" className={classes.owner}>
              owner:{' '}
              {humanizeEntityRef(parseEntityRef(field.owner), {
                defaultKind: 'group',
              })}
            </Badge>
          )}
        </Flex>
      </Flex>
    </ListItem>
  );
}
