import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import Paper from '@material-ui/core/Paper';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import InputAdornment from '@material-ui/core/InputAdornment';
import SearchIcon from '@material-ui/icons/Search';
import { makeStyles } from '@material-ui/core/styles';
import { useApi } from '@backstage/frontend-plugin-api';
import type { LineageNode } from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { KIND_STYLE } from '../graph/visuals';

const useStyles = makeStyles(theme => ({
  root: { position: 'relative', width: 440, maxWidth: '100%' },
  results: {
    position: 'absolute',
    top: '100%',
    left: 0,
    right: 0,
    zIndex: theme.zIndex.modal,
    maxHeight: 360,
    overflowY: 'auto',
  },
}));

/** What the result list says when it has no nodes. */
function noResultsText(error: string | undefined, q: string): string {
  if (error) return `Search failed: ${error}`;
  return q.length < 2 ? 'Type at least 2 characters' : 'No matching node';
}

/**
 * Finds a lineage node by name: nodes on screen first, then the whole index
 * through the search API.
 */
export function NodeSearch(props: {
  shownNodes: LineageNode[];
  onPick(node: LineageNode, onScreen: boolean): void;
  placeholder?: string;
}) {
  const classes = useStyles();
  const api = useApi(dataPlatformApiRef);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [remote, setRemote] = useState<LineageNode[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setRemote([]);
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api.searchLineage(q, 20).then(
        result => !cancelled && (setRemote(result.nodes), setError(undefined)),
        e => !cancelled && setError(String(e.message ?? e)),
      );
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, query]);

  const q = query.trim().toLocaleLowerCase('en-US');
  const shownIds = new Set(props.shownNodes.map(n => n.id));
  const local = q
    ? props.shownNodes
        .filter(
          n =>
            n.title.toLocaleLowerCase('en-US').includes(q) || n.id.includes(q),
        )
        .slice(0, 10)
    : [];
  const results = [
    ...local,
    ...remote.filter(n => !local.some(l => l.id === n.id)),
  ];

  const pick = (node: LineageNode) => {
    setOpen(false);
    setQuery('');
    props.onPick(node, shownIds.has(node.id));
  };

  return (
    <div className={classes.root}>
      <TextField
        fullWidth
        size="small"
        variant="outlined"
        value={query}
        placeholder={
          props.placeholder ?? 'Find an event type, pipeline or endpoint'
        }
        inputProps={{ 'aria-label': 'Search lineage' }}
        onChange={e => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 200)}
        onKeyDown={e => {
          if (e.key === 'Enter' && results[0]) pick(results[0]);
          if (e.key === 'Escape') setOpen(false);
        }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      {open && q.length > 0 && (
        <Paper className={classes.results} elevation={4}>
          <List dense aria-label="Search results">
            {results.map(node => (
              <ListItem
                button
                key={node.id}
                onMouseDown={e => e.preventDefault()}
                onClick={() => pick(node)}
              >
                <ListItemText
                  primary={node.title}
                  secondary={`${KIND_STYLE[node.kind].label}${
                    node.registered ? '' : ' · not in catalog'
                  }${shownIds.has(node.id) ? ' · on screen' : ''}`}
                />
              </ListItem>
            ))}
            {results.length === 0 && (
              <ListItem>
                <ListItemText secondary={noResultsText(error, q)} />
              </ListItem>
            )}
          </List>
        </Paper>
      )}
    </div>
  );
}
