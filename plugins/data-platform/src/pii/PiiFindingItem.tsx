import { ReactNode } from 'react';
import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import { RiErrorWarningLine } from '@remixicon/react';
import type { PiiFinding } from '@dataplatform/backstage-plugin-data-platform-common';
import { relativeTime, timestampLabel } from '../format/time';
import { PiiPath } from './PiiPath';
import { findingAdvice, receivesText } from './piiWords';

const useStyles = makeStyles(
  {
    item: {
      padding: '12px 0',
      borderTop: '1px solid var(--bui-border-1, #e0e0e0)',
      '&:first-child': { borderTop: 'none', paddingTop: 0 },
    },
    icon: { color: 'var(--bui-fg-warning)', flexShrink: 0, marginTop: 2 },
    column: { fontFamily: 'var(--bui-font-monospace)', fontWeight: 600 },
    label: { fontWeight: 600, marginRight: 6 },
    wrap: { overflowWrap: 'anywhere' },
  },
  { name: 'DataPlatformPiiFindingItem' },
);

/** Since when: "since 3 h ago", the moment on hover. */
function Since(props: { since: string }) {
  return (
    <Text variant="body-small" color="secondary">
      found{' '}
      <time dateTime={props.since} title={timestampLabel(props.since)}>
        {relativeTime(props.since)}
      </time>
    </Text>
  );
}

/**
 * One finding: the column and what it receives, the backend's sentence, the
 * path of columns it came through, since when, and what to do about it.
 * `endpoint` names the endpoint where the list spans several.
 */
export function PiiFindingItem(props: {
  finding: PiiFinding;
  endpoint?: ReactNode;
}) {
  const classes = useStyles();
  const { finding } = props;
  const what =
    finding.kind === 'declaredNone'
      ? `declared pii: none, receives ${receivesText(finding)}`
      : `receives ${receivesText(finding)}, not declared`;
  return (
    <li className={classes.item}>
      <Flex gap="2" align="start">
        <RiErrorWarningLine size={18} aria-hidden className={classes.icon} />
        <Flex direction="column" gap="1" className={classes.wrap}>
          <Flex gap="2" align="baseline" justify="between">
            <Text as="h4" variant="body-medium">
              {finding.column ? (
                <span className={classes.column}>{finding.column}</span>
              ) : (
                !props.endpoint && 'The endpoint as a whole'
              )}
              {finding.column && props.endpoint && ' in '}
              {props.endpoint}
              {': '}
              {what}
            </Text>
            <Since since={finding.since} />
          </Flex>
          <Text as="p" variant="body-small">
            {finding.message}
          </Text>
          <Flex gap="1" align="baseline">
            <Text variant="body-small" className={classes.label}>
              Path
            </Text>
            <PiiPath
              path={finding.path}
              label={`Path of ${finding.column ?? finding.title}`}
            />
          </Flex>
          <Text as="p" variant="body-small">
            <span className={classes.label}>What to do:</span>{' '}
            {findingAdvice(finding)}
          </Text>
        </Flex>
      </Flex>
    </li>
  );
}
