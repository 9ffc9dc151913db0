import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  LineageNode,
  OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ShownLineage } from '../state/mergeGraph';
import type { Impact } from './DownstreamImpact';
import { LineageLegend } from './LineageLegend';
import { NodeActions, NodeDetails } from './NodeDetails';

/**
 * Beside the graph: the selected node's details, or how to use the graph
 * while none is; the legend below.
 */
export function SelectedNodePanel(props: {
  node?: LineageNode;
  drawn: ShownLineage;
  /** Neighbours in the index that are not on screen, per node. */
  hidden: Map<string, { upstream: number; downstream: number }>;
  nodesById: Map<string, LineageNode>;
  health?: OnCallRow;
  impact?: Impact;
  actions: NodeActions;
}) {
  const { node, drawn, hidden } = props;
  return (
    <>
      {node ? (
        <NodeDetails
          node={node}
          isRoot={node.id === drawn.root}
          hiddenUpstream={hidden.get(node.id)?.upstream ?? 0}
          hiddenDownstream={hidden.get(node.id)?.downstream ?? 0}
          edges={drawn.edges}
          nodesById={props.nodesById}
          health={props.health}
          impact={props.impact}
          actions={props.actions}
        />
      ) : (
        <Box p={2}>
          <Typography variant="body2" color="textSecondary">
            Click a node to see its details, open its page, or find a path.
            Click a <strong>+N</strong> handle to show the neighbours that are
            collapsed. Drag to pan, scroll to zoom.
          </Typography>
        </Box>
      )}
      <Box p={2} pt={0}>
        <LineageLegend />
      </Box>
    </>
  );
}
