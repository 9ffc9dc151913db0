import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  LINEAGE_NODE_KINDS,
  type LineageCatalogGap,
  type LineageCatalogGaps,
  type LineageJobRun,
  type LineageNodeKind,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { relativeTime, timestampLabel } from '../../format/time';
import { KIND_STYLE, kindCount } from '../graph/visuals';

/** Rows fetched per "Show more". */
const PAGE = 20;

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), overflow: 'auto', minHeight: 0 },
  kinds: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(1.5, 0),
  },
  row: { cursor: 'pointer' },
  name: { overflowWrap: 'anywhere' },
  // Short words that a long name must not squeeze into two lines.
  nowrap: { whiteSpace: 'nowrap' },
}));

const REASON: Record<LineageCatalogGap['reason'], string> = {
  'openlineage-only': 'Seen only in OpenLineage events',
  'missing-entity': 'Named in catalog YAML, no such entity',
};

const RUN_STATE: Record<LineageJobRun['state'], string> = {
  RUNNING: 'Running',
  COMPLETE: 'Completed',
  FAIL: 'Failed',
  ABORT: 'Aborted',
};

/** A job's latest run, as the catalog gaps show it: state and when. */
function LastRun(props: { run?: LineageJobRun }) {
  const { run } = props;
  if (!run) return <>—</>;
  const when = `${timestampLabel(run.at)}${
    run.failureReason ? `: ${run.failureReason}` : ''
  }`;
  return (
    <span title={when}>
      {RUN_STATE[run.state]} {relativeTime(run.at)}
    </span>
  );
}

/** "2 datasets, 1 job and 1 component". */
function countsInWords(byKind: LineageCatalogGaps['byKind']): string {
  const parts = LINEAGE_NODE_KINDS.filter(k => byKind[k]).map(k =>
    kindCount(byKind[k]!, k),
  );
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The lineage index's nodes that no catalog entity backs, most connected
 * first: datasets and jobs seen only in OpenLineage events (jobs with their
 * latest run), and entities that catalog YAML names but the catalog does
 * not have. Without an entity they have no owner, schema or alerts. A row
 * opens the node's lineage.
 */
export function CatalogGaps(props: { onExplore(id: string): void }) {
  const classes = useStyles();
  const api = useApi(dataPlatformApiRef);
  const [kind, setKind] = useState<LineageNodeKind>();
  const [pages, setPages] = useState(1);
  const { value, loading, error } = useAsync(
    () => api.getCatalogGaps({ kind, limit: PAGE * pages }),
    [api, kind, pages],
  );
  const [last, setLast] = useState<LineageCatalogGaps>();
  // Keep the rows on screen while the next page loads.
  if (value && value !== last) setLast(value);
  const gaps = value ?? (pages > 1 ? last : undefined);

  if (error) return <ResponseErrorPanel error={error} />;
  if (!gaps) return <Progress />;
  const all = Object.values(gaps.byKind).reduce((sum, n) => sum + (n ?? 0), 0);
  const choose = (next?: LineageNodeKind) => {
    setKind(next);
    setPages(1);
  };

  return (
    <Paper
      variant="outlined"
      className={classes.root}
      component="section"
      aria-label="Not in the catalog"
    >
      <Typography variant="h6">Not in the catalog</Typography>
      {all === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Every node in the lineage index has a catalog entity.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" color="textSecondary">
            {countsInWords(gaps.byKind)} in the lineage index{' '}
            {all === 1 ? 'has' : 'have'} no catalog entity, so no owner, schema
            or alerts. Register them, or map a dataset or job to its entity with
            the <code>dataplatform.io/openlineage-name</code> annotation. The
            most connected come first.
          </Typography>
          <Box className={classes.kinds} role="group" aria-label="Kind">
            <Chip
              label={`All ${all}`}
              color={kind ? 'default' : 'primary'}
              onClick={() => choose(undefined)}
            />
            {LINEAGE_NODE_KINDS.filter(k => gaps.byKind[k]).map(k => (
              <Chip
                key={k}
                label={`${KIND_STYLE[k].label} ${gaps.byKind[k]}`}
                color={kind === k ? 'primary' : 'default'}
                onClick={() => choose(k)}
              />
            ))}
          </Box>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Why</TableCell>
                <TableCell>Lineage</TableCell>
                <TableCell>Last seen</TableCell>
                <TableCell>Last run</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {gaps.nodes.map(node => (
                <TableRow
                  key={node.id}
                  hover
                  className={classes.row}
                  onClick={() => props.onExplore(node.id)}
                >
                  <TableCell className={classes.name}>
                    <Button
                      size="small"
                      color="primary"
                      style={{ textTransform: 'none', padding: 0 }}
                      onClick={event => {
                        event.stopPropagation();
                        props.onExplore(node.id);
                      }}
                    >
                      {node.title}
                    </Button>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      display="block"
                    >
                      {node.openLineage
                        ? `${node.openLineage.namespace} / ${node.openLineage.name}`
                        : node.id}
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {KIND_STYLE[node.kind].label}
                  </TableCell>
                  <TableCell>{REASON[node.reason]}</TableCell>
                  <TableCell>
                    {node.upstreamCount} upstream · {node.downstreamCount}{' '}
                    downstream
                  </TableCell>
                  <TableCell
                    className={classes.nowrap}
                    title={
                      node.lastSeenAt
                        ? timestampLabel(node.lastSeenAt)
                        : undefined
                    }
                  >
                    {node.lastSeenAt
                      ? relativeTime(node.lastSeenAt)
                      : 'never observed'}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    <LastRun run={node.lastRun} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box mt={1} display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="caption" color="textSecondary">
              {gaps.nodes.length} of {gaps.total} shown
            </Typography>
            {gaps.nodes.length < gaps.total && (
              <Button
                size="small"
                disabled={loading}
                onClick={() => setPages(pages + 1)}
              >
                Show {Math.min(PAGE, gaps.total - gaps.nodes.length)} more
              </Button>
            )}
          </Box>
        </>
      )}
    </Paper>
  );
}
