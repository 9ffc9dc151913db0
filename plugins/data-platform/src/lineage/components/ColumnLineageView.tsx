import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ColumnLineage,
  ColumnLineageEdge,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';

const nodeName = (id: string) =>
  id
    .replace(/^[a-z]+:default\//, '')
    .replace(/^openlineage:(dataset|job):/, '');

function ColumnEdges(props: {
  title: string;
  edges: ColumnLineageEdge[];
  side: 'from' | 'to';
}) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.edges.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None recorded.
        </Typography>
      ) : (
        <Table size="small" aria-label={props.title}>
          <TableHead>
            <TableRow>
              <TableCell>Column</TableCell>
              <TableCell>Transformation</TableCell>
              <TableCell>Via job</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.edges.map(edge => {
              const other = edge[props.side];
              return (
                <TableRow
                  key={`${other.node}/${other.column}/${edge.via ?? ''}`}
                >
                  <TableCell>
                    <strong>{other.column}</strong>
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      {nodeName(other.node)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {edge.transformations.map((t, i) => (
                      <Box
                        key={i}
                        display="inline-flex"
                        alignItems="center"
                        mr={1}
                        style={{ gap: 4 }}
                      >
                        <Chip
                          size="small"
                          label={
                            t.subtype ? `${t.type} · ${t.subtype}` : t.type
                          }
                          color={t.type === 'DIRECT' ? 'primary' : 'default'}
                          title={t.description}
                        />
                        {t.masking && (
                          <Chip
                            size="small"
                            label="masked"
                            style={{ background: '#6a1b9a', color: '#fff' }}
                          />
                        )}
                      </Box>
                    ))}
                  </TableCell>
                  <TableCell>{edge.via ? nodeName(edge.via) : '—'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/**
 * Column-level lineage of one endpoint: pick a column, see the columns it is
 * derived from and the columns derived from it, with DIRECT/INDIRECT and masking.
 */
export function ColumnLineageView(props: {
  node: string;
  columns?: string[];
  initialColumn?: string;
}) {
  const api = useApi(dataPlatformApiRef);
  const [column, setColumn] = useState(
    props.initialColumn ?? props.columns?.[0] ?? '',
  );
  const [draft, setDraft] = useState(column);
  const [state, setState] = useState<{
    loading: boolean;
    value?: ColumnLineage;
    error?: Error;
  }>({ loading: false });

  useEffect(() => {
    if (!column) return undefined;
    let cancelled = false;
    setState({ loading: true });
    api.getColumnLineage(props.node, column).then(
      value => !cancelled && setState({ loading: false, value }),
      error => !cancelled && setState({ loading: false, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, props.node, column]);

  return (
    <Box>
      {props.columns && props.columns.length > 0 ? (
        <TextField
          select
          size="small"
          variant="outlined"
          label="Column"
          value={column}
          onChange={e => setColumn(e.target.value)}
          style={{ minWidth: 240 }}
          SelectProps={{ inputProps: { 'aria-label': 'Column' } }}
        >
          {props.columns.map(c => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
      ) : (
        <form
          onSubmit={e => {
            e.preventDefault();
            setColumn(draft.trim());
          }}
        >
          <TextField
            size="small"
            variant="outlined"
            label="Column"
            value={draft}
            onChange={e => setDraft(e.target.value)}
            helperText="Type a column name and press Enter"
            inputProps={{ 'aria-label': 'Column' }}
          />
        </form>
      )}
      {state.loading && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} />}
      {state.value && (
        <>
          <ColumnEdges
            title={`Upstream of ${column}`}
            edges={state.value.upstream}
            side="from"
          />
          <ColumnEdges
            title={`Downstream of ${column}`}
            edges={state.value.downstream}
            side="to"
          />
          {state.value.upstream.length + state.value.downstream.length ===
            0 && (
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ marginTop: 8 }}
            >
              No column lineage for {column}: it comes from the OpenLineage
              columnLineage facet, which your scheduler sends with its run
              events.
            </Typography>
          )}
        </>
      )}
    </Box>
  );
}
