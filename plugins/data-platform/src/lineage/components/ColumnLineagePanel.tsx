import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import type { LineageNode } from '@dataplatform/backstage-plugin-data-platform-common';
import { ColumnLineageView } from './ColumnLineageView';

/** The column lineage of a node of the graph, below it, until closed. */
export function ColumnLineagePanel(props: {
  node: LineageNode;
  /** The node's declared columns, when known. */
  columns?: string[];
  onClose(): void;
}) {
  return (
    <Paper
      variant="outlined"
      style={{ padding: 16 }}
      aria-label="Column lineage"
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h6">
          Column lineage of {props.node.title}
        </Typography>
        <IconButton
          size="small"
          aria-label="Close column lineage"
          onClick={props.onClose}
        >
          <CloseIcon />
        </IconButton>
      </Box>
      <ColumnLineageView node={props.node.id} columns={props.columns} />
    </Paper>
  );
}
