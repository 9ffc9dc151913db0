import { ReactNode } from 'react';
import { Grid, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';

/** The columns of a {@link SpecFieldGrid}; a wide field spans all of them. */
const COLUMNS = { initial: '1', sm: '2' } as const;

const useStyles = makeStyles({
  label: {
    display: 'block',
    textTransform: 'uppercase',
    fontSize: '10px',
    letterSpacing: 0.5,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    marginBottom: 'var(--bui-space-2)',
  },
  value: {
    wordBreak: 'break-word',
  },
});

/** Props of {@link SpecField}. */
export interface SpecFieldProps {
  label: string;
  /** Plain value; `children` win when given. */
  value?: ReactNode;
  children?: ReactNode;
  /** Spans the whole row of a {@link SpecFieldGrid}. */
  wide?: boolean;
}

/**
 * One labelled value, styled like the fields of the catalog's About card so
 * the data platform cards sit next to it without looking foreign.
 */
export function SpecField(props: SpecFieldProps) {
  const { label, value, children, wide } = props;
  const classes = useStyles();
  return (
    <Grid.Item colSpan={wide ? COLUMNS : undefined}>
      <Text
        as="h2"
        variant="body-x-small"
        weight="bold"
        color="secondary"
        className={classes.label}
      >
        {label}
      </Text>
      {children ?? (
        <Text
          as="p"
          variant="body-medium"
          weight="bold"
          className={classes.value}
        >
          {value ?? 'unknown'}
        </Text>
      )}
    </Grid.Item>
  );
}

/** A responsive grid of {@link SpecField}s. */
export function SpecFieldGrid(props: { children: ReactNode }) {
  return (
    <Grid.Root columns={COLUMNS} gap="4">
      {props.children}
    </Grid.Root>
  );
}
