import { RefObject } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import ZoomOutMapIcon from '@material-ui/icons/ZoomOutMap';
import CenterFocusStrongIcon from '@material-ui/icons/CenterFocusStrong';
import { makeStyles } from '@material-ui/core/styles';
import type { LineageCanvasHandle } from '../graph/LineageCanvas';

const useStyles = makeStyles(
  theme => ({
    controls: {
      position: 'absolute',
      right: 8,
      top: 8,
      display: 'flex',
      flexDirection: 'column',
      background: theme.palette.background.paper,
      borderRadius: 4,
      boxShadow: theme.shadows[2],
    },
  }),
  { name: 'DataPlatformLineageZoomControls' },
);

/** Zoom in and out, show the whole graph, and back to the start: in the graph's corner. */
export function ZoomControls(props: {
  canvas: RefObject<LineageCanvasHandle>;
  root: string;
}) {
  const classes = useStyles();
  const { canvas } = props;
  return (
    <Box className={classes.controls}>
      <Tooltip title="Zoom in">
        <IconButton
          size="small"
          aria-label="Zoom in"
          onClick={() => canvas.current?.zoomBy(1.4)}
        >
          <ZoomInIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Zoom out">
        <IconButton
          size="small"
          aria-label="Zoom out"
          onClick={() => canvas.current?.zoomBy(1 / 1.4)}
        >
          <ZoomOutIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Show everything">
        <IconButton
          size="small"
          aria-label="Fit to screen"
          onClick={() => canvas.current?.fitAll()}
        >
          <ZoomOutMapIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Back to the root">
        <IconButton
          size="small"
          aria-label="Centre on root"
          onClick={() => canvas.current?.focusNode(props.root)}
        >
          <CenterFocusStrongIcon />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
