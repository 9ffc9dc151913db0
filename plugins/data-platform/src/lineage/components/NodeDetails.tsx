import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { LinkButton } from '@backstage/core-components';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import type {
  LineageEdge,
  LineageNode,
  OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { KIND_STYLE, nodeColour } from '../graph/visuals';
import { DownstreamImpact, Impact } from './DownstreamImpact';
import { NodeConnections } from './NodeConnections';
import { NodeHealth } from './NodeHealth';

export type NodeActions = {
  onExplore(node: LineageNode): void;
  /** Shows the graph downstream of the node, `hops` deep (as near as offered). */
  onShowDownstream(node: LineageNode, hops: number): void;
  onPathFrom(node: LineageNode): void;
  onPathTo(node: LineageNode): void;
  onColumns?(node: LineageNode): void;
  /** Selects another node on screen (a neighbour listed here). */
  onSelect(id: string): void;
  onExpand(node: LineageNode, direction: 'upstream' | 'downstream'): void;
  /** Highlights the path from a root cause upstream to this node. */
  onPathFromRootCause(node: LineageNode, rootCauseRef: string): void;
  /** Keeps what the downstream impact found, to give it back as `impact`. */
  onImpactFound(node: LineageNode, impact: Impact): void;
};

/** The selected node: what it is, and what can be done from it. */
export function NodeDetails(props: {
  node: LineageNode;
  isRoot: boolean;
  hiddenUpstream: number;
  hiddenDownstream: number;
  /** The edges and nodes on screen, for the node's neighbours. */
  edges: LineageEdge[];
  nodesById: Map<string, LineageNode>;
  /** The pipeline's status from pipeline health, when it has one. */
  health?: OnCallRow;
  /** What an earlier downstream impact of this node found. */
  impact?: Impact;
  actions: NodeActions;
}) {
  const { node, actions } = props;
  const entityLink = useEntityRefLink();
  const kind = KIND_STYLE[node.kind];
  return (
    <Box
      p={2}
      display="flex"
      flexDirection="column"
      // OpenLineage names are long and unbroken (URLs, dotted paths).
      style={{ gap: 12, overflowWrap: 'anywhere' }}
      aria-label="Selected node"
    >
      <Box>
        <Chip
          size="small"
          label={kind.label}
          style={{
            background: nodeColour(node),
            color: '#fff',
          }}
        />
        {!node.registered && (
          <Chip
            size="small"
            variant="outlined"
            label="not in catalog"
            style={{ marginLeft: 6, color: '#c62828', borderColor: '#c62828' }}
          />
        )}
      </Box>
      <Typography variant="h6">{node.title}</Typography>
      <Typography variant="caption" color="textSecondary">
        {node.id}
      </Typography>
      {node.owner && (
        <Typography variant="body2">
          Owner: <EntityRefLink entityRef={node.owner} defaultKind="group" />
        </Typography>
      )}
      {props.health && (
        <NodeHealth
          status={props.health}
          onPathFromRootCause={ref => actions.onPathFromRootCause(node, ref)}
        />
      )}
      {!node.registered && (
        <Typography variant="body2" color="textSecondary">
          Seen only in OpenLineage events
          {node.openLineage
            ? ` (${node.openLineage.namespace} / ${node.openLineage.name})`
            : ''}
          . Register it in the catalog, or map it with the
          dataplatform.io/openlineage-name annotation, to give it an owner.
        </Typography>
      )}
      <Typography variant="body2">
        {node.upstreamCount} upstream, {node.downstreamCount} downstream in the
        index
        {props.hiddenUpstream + props.hiddenDownstream > 0 &&
          ` (${props.hiddenUpstream + props.hiddenDownstream} not shown)`}
      </Typography>
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        {node.registered && (
          <LinkButton
            variant="contained"
            color="primary"
            to={entityLink(node.id)}
          >
            Open {kind.label.toLocaleLowerCase('en-US')} page
          </LinkButton>
        )}
        {!props.isRoot && (
          <Button variant="outlined" onClick={() => actions.onExplore(node)}>
            Explore lineage from here
          </Button>
        )}
        <Box display="flex" style={{ gap: 8 }}>
          <Button
            size="small"
            variant="outlined"
            onClick={() => actions.onPathFrom(node)}
          >
            Path from here
          </Button>
          <Button
            size="small"
            variant="outlined"
            onClick={() => actions.onPathTo(node)}
          >
            Path to here
          </Button>
        </Box>
        {actions.onColumns &&
          (node.kind === 'DataEndpoint' || node.kind === 'Dataset') && (
            <Button
              size="small"
              variant="outlined"
              onClick={() => actions.onColumns!(node)}
            >
              Column lineage
            </Button>
          )}
      </Box>
      <DownstreamImpact
        key={node.id}
        node={node}
        found={props.impact}
        onFound={impact => actions.onImpactFound(node, impact)}
        onShow={hops => actions.onShowDownstream(node, hops)}
      />
      <NodeConnections
        node={node}
        edges={props.edges}
        nodesById={props.nodesById}
        hiddenUpstream={props.hiddenUpstream}
        hiddenDownstream={props.hiddenDownstream}
        onSelect={actions.onSelect}
        onExpand={direction => actions.onExpand(node, direction)}
      />
    </Box>
  );
}
