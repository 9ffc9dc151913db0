import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { makeStyles } from '@material-ui/core/styles';
import type {
  LineageDirection,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { useOnPageStyles } from '../../theme/useOnPageStyles';
import { LINEAGE_HOPS } from '../hops';
import type { PathState } from '../state/useLineagePath';
import { NodeSearch } from './NodeSearch';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  path: {
    padding: '2px 8px',
    display: 'flex',
    alignItems: 'center',
    gap: 8,
  },
}));

/**
 * Above the graph: search, how many hops and which way to walk (once there
 * is a start), and the path being chosen or shown.
 */
export function LineageToolbar(props: {
  hasRoot: boolean;
  shownNodes: LineageNode[];
  onPick(node: LineageNode, onScreen: boolean): void;
  depth: number;
  onDepth(depth: number): void;
  walk: LineageDirection;
  onWalk(walk: LineageDirection): void;
  path: PathState;
  onClearPath(): void;
}) {
  const classes = useStyles();
  const onPage = useOnPageStyles().onPage;
  const { path } = props;
  return (
    <Box className={`${classes.toolbar} ${onPage}`}>
      <NodeSearch shownNodes={props.shownNodes} onPick={props.onPick} />
      {props.hasRoot && (
        <>
          <TextField
            select
            size="small"
            variant="outlined"
            id="lineage-hops"
            label="Hops shown"
            value={props.depth}
            onChange={e => props.onDepth(Number(e.target.value))}
            style={{ width: 170 }}
          >
            {LINEAGE_HOPS.map(d => (
              <MenuItem key={d} value={d}>
                {d === 1 ? '1 (collapsed)' : d}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            variant="outlined"
            id="lineage-direction"
            label="Direction"
            value={props.walk}
            onChange={e => props.onWalk(e.target.value as LineageDirection)}
            style={{ width: 180 }}
          >
            <MenuItem value="both">Both ways</MenuItem>
            <MenuItem value="upstream">Upstream only</MenuItem>
            <MenuItem value="downstream">Downstream only</MenuItem>
          </TextField>
        </>
      )}
      {(path.from || path.to) && (
        <Paper variant="outlined" className={classes.path}>
          <Typography variant="body2" aria-live="polite">
            Path: {path.from?.title ?? '(choose start)'} →{' '}
            {path.to?.title ?? '(choose end)'}
            {path.hops !== undefined &&
              ` · ${path.hops} hop${path.hops === 1 ? '' : 's'}`}
            {path.loading && ' · finding…'}
          </Typography>
          <IconButton
            size="small"
            aria-label="Clear path"
            onClick={props.onClearPath}
          >
            <CloseIcon fontSize="small" />
          </IconButton>
        </Paper>
      )}
    </Box>
  );
}
