import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
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
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ColumnLineageEdge,
  RecordedColumn,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';

const nodeName = (id: string) =>
  id
    .replace(/^[a-z]+:default\//, '')
    .replace(/^openlineage:(dataset|job):/, '');

/** A node of the index: linked to its catalog page unless seen only in OpenLineage. */
function NodeName(props: { id: string }) {
  const entityLink = useEntityRefLink();
  if (props.id.startsWith('openlineage:')) return <>{nodeName(props.id)}</>;
  return <Link to={entityLink(props.id)}>{nodeName(props.id)}</Link>;
}

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
                      <NodeName id={other.node} />
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
                  <TableCell>
                    {edge.via ? <NodeName id={edge.via} /> : '—'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

type ColumnOption = RecordedColumn & { declared: boolean };

/**
 * The columns to pick from: the declared ones in schema order, then those
 * only column lineage knows of (a dataset seen only in OpenLineage, a column
 * the schema does not list), each with its recorded lineage counts.
 */
function columnOptions(
  declared: string[],
  recorded: RecordedColumn[],
): ColumnOption[] {
  const counts = new Map(recorded.map(r => [r.column, r]));
  const options = declared.map(column => ({
    column,
    upstream: counts.get(column)?.upstream ?? 0,
    downstream: counts.get(column)?.downstream ?? 0,
    declared: true,
  }));
  const names = new Set(declared);
  for (const r of recorded) {
    if (!names.has(r.column)) options.push({ ...r, declared: false });
  }
  return options;
}

const hasLineage = (o: RecordedColumn) => o.upstream + o.downstream > 0;

const countsLabel = (o: ColumnOption) =>
  !hasLineage(o)
    ? 'no lineage recorded'
    : `${o.upstream} upstream · ${o.downstream} downstream`;

/**
 * Column-level lineage of one endpoint: pick a column, see the columns it is
 * derived from and the columns derived from it, with DIRECT/INDIRECT and masking.
 */
export function ColumnLineageView(props: {
  node: string;
  /** The columns its schema declares, when it has one. */
  columns?: string[];
}) {
  const api = useApi(dataPlatformApiRef);
  const recorded = useAsync(
    () => api.getRecordedColumns(props.node),
    [api, props.node],
  );
  const options = useMemo(
    () => columnOptions(props.columns ?? [], recorded.value?.columns ?? []),
    [props.columns, recorded.value],
  );
  // A pick holds for the node it was made on; until then, the first column
  // that has lineage to show.
  const [picked, setPicked] = useState<{ node: string; column: string }>();
  const column =
    picked?.node === props.node
      ? picked.column
      : (options.find(hasLineage) ?? options[0])?.column;
  const lineage = useAsync(
    async () =>
      column && !recorded.loading
        ? api.getColumnLineage(props.node, column)
        : undefined,
    [api, props.node, column, recorded.loading],
  );

  if (recorded.loading) return <Progress />;
  if (recorded.error) return <ResponseErrorPanel error={recorded.error} />;
  if (options.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No column lineage recorded here yet, and no columns declared. Column
        lineage comes from the OpenLineage columnLineage facet, which your
        scheduler sends with its run events.
      </Typography>
    );
  }
  return (
    <Box>
      <TextField
        select
        size="small"
        variant="outlined"
        label="Column"
        value={column}
        onChange={e => setPicked({ node: props.node, column: e.target.value })}
        style={{ minWidth: 280 }}
        SelectProps={{
          inputProps: { 'aria-label': 'Column' },
          renderValue: value => value as string,
        }}
        helperText={`${options.filter(hasLineage).length} of ${
          options.length
        } with column lineage`}
      >
        {options.map(o => (
          <MenuItem key={o.column} value={o.column}>
            <Box
              display="flex"
              justifyContent="space-between"
              width="100%"
              style={{ gap: 24 }}
            >
              <span>{o.column}</span>
              <Typography variant="caption" color="textSecondary">
                {countsLabel(o)}
                {o.declared ? '' : ' · not in schema'}
              </Typography>
            </Box>
          </MenuItem>
        ))}
      </TextField>
      {lineage.loading && <Progress />}
      {lineage.error && <ResponseErrorPanel error={lineage.error} />}
      {lineage.value?.column === column && (
        <>
          <ColumnEdges
            title={`Upstream of ${column}`}
            edges={lineage.value.upstream}
            side="from"
          />
          <ColumnEdges
            title={`Downstream of ${column}`}
            edges={lineage.value.downstream}
            side="to"
          />
          {lineage.value.upstream.length + lineage.value.downstream.length ===
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
