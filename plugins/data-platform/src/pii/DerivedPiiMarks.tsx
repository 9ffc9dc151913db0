import { ReactNode } from 'react';
import { Flex, Focusable, Text, Tooltip, TooltipTrigger } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  RiErrorWarningLine,
  RiGitMergeLine,
  RiQuestionLine,
} from '@remixicon/react';
import type {
  ColumnPii,
  DerivedPii,
  PiiClassification,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  derivedMarkSentence,
  derivedMarkText,
  pathInWords,
  sourceEndpoint,
  sourceLabel,
} from './piiWords';

const useStyles = makeStyles(
  {
    mark: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: 4,
      padding: '1px 6px',
      borderRadius: 'var(--bui-radius-2, 4px)',
      fontSize: '0.75rem',
      lineHeight: 1.4,
      whiteSpace: 'nowrap',
      cursor: 'help',
      '&:focus-visible': {
        outline: '2px solid var(--bui-ring, #1f5493)',
        outlineOffset: 1,
      },
    },
    // Derived: the declared mark's colours behind a dashed border, so it
    // reads as "the same kind of data, not declared here".
    derived: {
      border: '1px dashed var(--bui-warning-border)',
      backgroundColor: 'var(--bui-warning-bg-subdued)',
      color: 'var(--bui-warning-fg-subdued)',
    },
    // May contain: weaker still, no fill.
    mayContain: {
      border: '1px dotted var(--bui-border-2, #999)',
      color: 'var(--bui-fg-secondary)',
    },
    conflict: {
      border: '1px solid var(--bui-negative-border)',
      backgroundColor: 'var(--bui-negative-bg-subdued)',
      color: 'var(--bui-negative-fg-subdued)',
    },
    tooltip: { maxWidth: 360 },
  },
  { name: 'DataPlatformDerivedPiiMarks' },
);

/**
 * A mark whose details open on hover and on keyboard focus; its accessible
 * name says all the tooltip does, so nothing depends on seeing either.
 */
function MarkWithDetails(props: {
  className: string;
  label: string;
  kind: string;
  icon: ReactNode;
  children: ReactNode;
  details: string[];
}) {
  const classes = useStyles();
  return (
    <TooltipTrigger delay={150}>
      <Focusable>
        <span
          role="img"
          // focusable, so that keyboard users can open its details
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          aria-label={props.label}
          data-pii-mark={props.kind}
          className={`${classes.mark} ${props.className}`}
        >
          {props.icon}
          {props.children}
        </span>
      </Focusable>
      <Tooltip className={classes.tooltip}>
        <Flex direction="column" gap="1">
          {props.details.map(line => (
            <Text key={line} variant="body-x-small">
              {line}
            </Text>
          ))}
        </Flex>
      </Tooltip>
    </TooltipTrigger>
  );
}

/** One piece of personal data reaching a column: derived, or "may contain". */
export function DerivedPiiMark(props: { derived: DerivedPii }) {
  const classes = useStyles();
  const { derived } = props;
  const details =
    derived.certainty === 'derived'
      ? [
          `Derived from ${sourceLabel(derived.path)}, declared ${
            derived.classification
          } there; no masking on the way.`,
          `Path: ${pathInWords(derived.path)}`,
        ]
      : [
          `${sourceEndpoint(derived.path)} has ${
            derived.classification
          } data and reaches this endpoint, but only dataset-level lineage says so: no column lineage tells which column.`,
          `Path: ${pathInWords(derived.path)}`,
        ];
  if (derived.certainty === 'derived') {
    return (
      <MarkWithDetails
        kind="derived"
        className={classes.derived}
        label={derivedMarkSentence(derived)}
        icon={<RiGitMergeLine size={14} aria-hidden />}
        details={details}
      >
        {derivedMarkText(derived)}
      </MarkWithDetails>
    );
  }
  return (
    <MarkWithDetails
      kind="mayContain"
      className={classes.mayContain}
      label={derivedMarkSentence(derived)}
      icon={<RiQuestionLine size={14} aria-hidden />}
      details={details}
    >
      {/* The source is named once under the table, not on every column. */}
      {derivedMarkText(derived)}
    </MarkWithDetails>
  );
}

/** A column its schema declares `pii: none` that receives personal data. */
export function PiiConflictMark(props: { derived: DerivedPii }) {
  const classes = useStyles();
  const { derived } = props;
  const receives =
    derived.certainty === 'derived'
      ? `receives ${derived.classification}`
      : `may receive ${derived.classification}`;
  return (
    <MarkWithDetails
      kind="conflict"
      className={classes.conflict}
      label={`Declared pii: none, but ${receives} from ${sourceLabel(
        derived.path,
      )}, through ${pathInWords(derived.path)}`}
      icon={<RiErrorWarningLine size={14} aria-hidden />}
      details={[
        `The schema declares pii: none, but the column ${receives} data from ${sourceLabel(
          derived.path,
        )}.`,
        `Path: ${pathInWords(derived.path)}`,
      ]}
    >
      none, but {receives}
    </MarkWithDetails>
  );
}

/**
 * The derived marks of one column beside its declared one: derived data the
 * declared mark already names is left out; on a column declared `pii: none`
 * each becomes a conflict.
 */
export function DerivedPiiMarks(props: {
  /** The schema's own mark; `none` only when written out. */
  declared?: PiiClassification;
  column?: ColumnPii;
}) {
  const derived = (props.column?.derived ?? []).filter(
    d => d.classification !== props.declared,
  );
  if (derived.length === 0) return null;
  return (
    <Flex direction="column" gap="1" align="start">
      {derived.map((d, i) =>
        props.declared === 'none' ? (
          <PiiConflictMark key={i} derived={d} />
        ) : (
          <DerivedPiiMark key={i} derived={d} />
        ),
      )}
    </Flex>
  );
}
