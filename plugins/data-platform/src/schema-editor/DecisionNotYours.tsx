import { makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

const useStyles = makeStyles(
  theme => ({
    notice: {
      margin: theme.spacing(1, 0),
      overflowWrap: 'anywhere',
      // A link inside a sentence: told apart by more than its colour.
      '& a': { textDecoration: 'underline' },
    },
  }),
  { name: 'DataPlatformDecisionNotYours' },
);

/**
 * For a user who may not decide to break the consumers (the backend says
 * so): who may, and what the user can do instead, before they type a reason.
 */
export function DecisionNotYours(props: { id: string; owner?: string }) {
  const classes = useStyles();
  const owners = props.owner ? (
    <EntityRefLink entityRef={props.owner} defaultKind="group" />
  ) : (
    'its owners'
  );
  return (
    <Alert id={props.id} severity="info" role="note" className={classes.notice}>
      Only {owners}, the owners of this event type, or data-platform admins can
      decide to break these consumers. You can go back and keep the fields they
      read, or ask {owners} to make this change.
    </Alert>
  );
}
