import Alert from '@material-ui/lab/Alert';
import type { ShownLineage } from '../state/mergeGraph';

/**
 * What the explorer says above the graph: that the API cut it off, that
 * some of it is not the user's to read, and what failed (an expansion, a
 * path, the pipeline-health overlay) while the graph stays.
 */
export function ExplorerNotices(props: {
  drawn?: ShownLineage;
  expansionError?: Error;
  pathError?: string;
  healthError?: Error;
}) {
  const { drawn } = props;
  return (
    <>
      {drawn?.cutoffMaxNodes !== undefined && drawn.frontier.size > 0 && (
        <Alert severity="info">
          Showing the first {drawn.cutoffMaxNodes} nodes: the lineage goes on
          beyond the {drawn.frontier.size} nodes marked “cut off”. Expand them
          with their +N handles, or show fewer hops.
        </Alert>
      )}
      {drawn?.restricted && (
        <Alert severity="info">
          Some lineage is not shown: it runs through catalog entities you do not
          have access to.
        </Alert>
      )}
      {props.expansionError && (
        <Alert severity="error">
          Could not expand: {props.expansionError.message}
        </Alert>
      )}
      {props.pathError && <Alert severity="warning">{props.pathError}</Alert>}
      {props.healthError && (
        <Alert severity="warning">
          Pipeline health is not shown: {props.healthError.message}
        </Alert>
      )}
    </>
  );
}
