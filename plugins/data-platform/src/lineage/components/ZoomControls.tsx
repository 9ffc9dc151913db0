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
  const buttons = [
    {
      tip: 'Zoom in',
      label: 'Zoom in',
      icon: <ZoomInIcon />,
      press: () => canvas.current?.zoomBy(1.4),
    },
    {
      tip: 'Zoom out',
      label: 'Zoom out',
      icon: <ZoomOutIcon />,
      press: () => canvas.current?.zoomBy(1 / 1.4),
    },
    {
      tip: 'Show everything',
      label: 'Fit to screen',
      icon: <ZoomOutMapIcon />,
      press: () => canvas.current?.fitAll(),
    },
    {
      tip: 'Back to the root',
      label: 'Centre on root',
      icon: <CenterFocusStrongIcon />,
      press: () => canvas.current?.focusNode(props.root),
    },
  ];
  return (
    <Box className={classes.controls}>
      {buttons.map(button => (
        <Tooltip key={button.label} title={button.tip}>
          <IconButton
            size="small"
            aria-label={button.label}
            onClick={button.press}
          >
            {button.icon}
          </IconButton>
        </Tooltip>
      ))}
    </Box>
  );
}
