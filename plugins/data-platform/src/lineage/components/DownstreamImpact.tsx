import useAsyncFn from 'react-use/esm/useAsyncFn';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  LineageGraph,
  LineageNode,
  LineageNodeKind,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { LINEAGE_HOPS } from '../hops';
import { relativeTime, timestampLabel } from '../../format/time';
import { plural } from '../../format/words';
import { kindCount } from '../graph/visuals';

/**
 * How far downstream the impact is looked for (the most hops the explorer
 * shows), and how many nodes at most.
 */
export const IMPACT_HOPS = LINEAGE_HOPS[LINEAGE_HOPS.length - 1];
export const IMPACT_MAX_NODES = 5000;

/** What lies downstream of a node, as the impact section shows it. */
export type Impact = {
  nodes: number;
  farthest: number;
  byKind: [LineageNodeKind, number][];
  /** Owners with how many of the nodes each owns, most first (kinds too). */
  owners: [string, number][];
  /** Nodes without an owner (seen only in OpenLineage, or ownerless). */
  unowned: number;
  cutoff: boolean;
  /** Nodes left out because the user may not read their catalog entities. */
  restricted: number;
  /** When it was counted (ISO): lineage moves on while the page is open. */
  countedAt: string;
};

/** What lies downstream of the root of `graph`, by kind and by owner. */
export function summariseImpact(
  graph: LineageGraph,
  countedAt: string = new Date().toISOString(),
): Impact {
  const downstream = graph.nodes.filter(n => n.id !== graph.root);
  const count = <K,>(keys: K[]) => {
    const counts = new Map<K, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...counts].sort(
      (a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])),
    );
  };
  const owned = downstream.filter(n => n.owner);
  return {
    nodes: downstream.length,
    farthest: Math.max(0, ...downstream.map(n => n.depth)),
    byKind: count(downstream.map(n => n.kind)),
    owners: count(owned.map(n => n.owner!)),
    unowned: downstream.length - owned.length,
    cutoff: graph.cutoff !== undefined,
    restricted: graph.hiddenNodes ?? 0,
    countedAt,
  };
}

/**
 * "What breaks if this changes, and whom do I tell?": everything downstream
 * of a node, up to {@link IMPACT_HOPS} hops, counted by kind and by owning
 * team. Looked up on request, as it can be a large walk; render it keyed
 * by the node, so that another node starts afresh. What was found goes to
 * `onFound`, and comes back as `found`, so that it outlives this component
 * (the details remount when the graph reloads).
 */
export function DownstreamImpact(props: {
  node: LineageNode;
  /** What an earlier walk from this node found. */
  found?: Impact;
  onFound(impact: Impact): void;
  /** Shows what was counted on the graph, `hops` deep. */
  onShow(hops: number): void;
}) {
  const api = useApi(dataPlatformApiRef);
  const { node, onFound } = props;
  const [state, find] = useAsyncFn(async () => {
    const found = summariseImpact(
      await api.getLineageGraph({
        node: node.id,
        direction: 'downstream',
        depth: IMPACT_HOPS,
        maxNodes: IMPACT_MAX_NODES,
      }),
    );
    onFound(found);
    return found;
  }, [api, node.id, onFound]);
  const impact = state.value ?? props.found;
  if (node.downstreamCount === 0) return null;
  return (
    <Box
      component="section"
      aria-label="Downstream impact"
      display="flex"
      flexDirection="column"
      style={{ gap: 4 }}
    >
      <Typography variant="overline" color="textSecondary">
        Downstream impact
      </Typography>
      {!impact && !state.loading && (
        <Button size="small" variant="outlined" onClick={() => find()}>
          Who depends on this?
        </Button>
      )}
      {state.loading && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} />}
      {impact && (
        <>
          <Typography variant="body2">
            {plural(impact.nodes, 'node')} downstream,{' '}
            {plural(impact.farthest, 'hop')} away at most
            {impact.cutoff &&
              ` (the walk stopped at ${IMPACT_MAX_NODES.toLocaleString(
                'en-US',
              )} nodes; there are more)`}
            : {impact.byKind.map(([kind, n]) => kindCount(n, kind)).join(', ')}.
          </Typography>
          {impact.restricted > 0 && (
            <Typography variant="body2" color="textSecondary">
              {plural(impact.restricted, 'more node')} downstream{' '}
              {impact.restricted === 1 ? 'is' : 'are'} not counted: they, or the
              entities they are reached through, are not visible to you in the
              catalog.
            </Typography>
          )}
          <Typography variant="body2">
            {impact.owners.length === 0
              ? 'No owner in the catalog for any of them.'
              : `Owned by ${plural(impact.owners.length, 'team')}:`}
          </Typography>
          <Box component="ul" m={0} pl={2}>
            {impact.owners.map(([owner, n]) => (
              <Typography component="li" variant="body2" key={owner}>
                <EntityRefLink entityRef={owner} defaultKind="group" /> · {n}
              </Typography>
            ))}
            {impact.unowned > 0 && impact.owners.length > 0 && (
              <Typography component="li" variant="body2" color="textSecondary">
                no owner (not in catalog) · {impact.unowned}
              </Typography>
            )}
          </Box>
          <Typography
            variant="caption"
            color="textSecondary"
            title={timestampLabel(impact.countedAt)}
          >
            Counted {relativeTime(impact.countedAt)}.{' '}
            <Link component="button" variant="caption" onClick={() => find()}>
              Count again
            </Link>
          </Typography>
          <Button
            size="small"
            variant="outlined"
            onClick={() => props.onShow(impact.farthest)}
          >
            Show downstream on the graph
          </Button>
        </>
      )}
    </Box>
  );
}
