import { Fragment } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  address: {
    fontFamily: 'var(--bui-font-monospace)',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
});

/**
 * A physical address (`project.dataset.table`, `projects/p/topics/t`,
 * `gs://bucket/path`) in monospace that wraps after its separators rather
 * than in the middle of a name.
 */
export function EndpointAddress(props: {
  address: string;
  className?: string;
}) {
  const classes = useStyles();
  const parts = props.address.split(/(?<=[./])/);
  return (
    <code className={props.className ?? classes.address}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </code>
  );
}
