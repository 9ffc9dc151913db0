import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { RecordedColumn } from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../../api';
import { ColumnPiiSummary, columnPiiHint } from '../../pii/ColumnPiiSummary';
import { endpointRefOf } from '../../pii/nodes';
import { useEndpointPii } from '../../pii/useEndpointPii';
import { plural } from '../../format/words';
import { useOnPageStyles } from '../../theme/useOnPageStyles';
import { ColumnSide, nodeNames } from './ColumnLineageSide';
import { useNodeDeclaredColumns } from './useDeclaredColumns';

/** How many hops of column lineage can be shown (the API allows 1 to 10). */
const COLUMN_HOPS = [1, 2, 3, 5, 10];
const DEFAULT_COLUMN_HOPS = 3;

const useStyles = makeStyles(
  theme => ({
    controls: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-start',
      gap: theme.spacing(2),
    },
  }),
  { name: 'DataPlatformColumnLineageView' },
);

let views = 0;
/**
 * Ids for the view's fields, so each select is named by its label and its
 * value ("Column user_id"), as it reads on screen.
 */
const useFieldIds = () =>
  useState(() => {
    views += 1;
    return { column: `dp-column-${views}`, hops: `dp-column-hops-${views}` };
  })[0];

/** `declared` is undefined when the node's schema is unknown. */
type ColumnOption = RecordedColumn & { declared?: boolean };

/**
 * The columns to pick from: the declared ones in schema order, then those
 * only column lineage knows of (a dataset seen only in OpenLineage, a column
 * the schema does not list), each with its recorded lineage counts.
 */
function columnOptions(
  declared: string[] | undefined,
  recorded: RecordedColumn[],
): ColumnOption[] {
  if (!declared) return [...recorded];
  const counts = new Map(recorded.map(r => [r.column, r]));
  const options: ColumnOption[] = declared.map(column => ({
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
 * derived from and the columns derived from it, hop by hop, with
 * DIRECT/INDIRECT and masking: what a change to the column breaks.
 */
export function ColumnLineageView(props: {
  node: string;
  /**
   * The columns its schema declares, when the caller has them; without
   * them, the catalog entity of the node is read for them.
   */
  columns?: string[];
  /**
   * The column to show, with `onColumnChange` to follow picks (as the Lineage
   * tab keeps it in its URL). Without it, or when the node has no such
   * column, the first column with lineage.
   */
  column?: string;
  onColumnChange?(column: string): void;
}) {
  const classes = useStyles();
  const onPage = useOnPageStyles().onPage;
  const ids = useFieldIds();
  const api = useApi(dataPlatformApiRef);
  const recorded = useAsync(
    () => api.getRecordedColumns(props.node),
    [api, props.node],
  );
  const looked = useNodeDeclaredColumns(props.columns ? undefined : props.node);
  const pii = useEndpointPii(endpointRefOf(props.node));
  const declared = props.columns ?? looked.columns;
  const options = useMemo(
    () => columnOptions(declared, recorded.value?.columns ?? []),
    [declared, recorded.value],
  );
  // A pick holds for the node it was made on.
  const [picked, setPicked] = useState<{ node: string; column: string }>();
  const [depth, setDepth] = useState(DEFAULT_COLUMN_HOPS);
  const [directOnly, setDirectOnly] = useState(false);
  const wanted =
    props.column ?? (picked?.node === props.node ? picked.column : undefined);
  const column = options.some(o => o.column === wanted)
    ? wanted
    : (options.find(hasLineage) ?? options[0])?.column;
  const pick = (next: string) => {
    setPicked({ node: props.node, column: next });
    props.onColumnChange?.(next);
  };

  if (recorded.loading || looked.loading) return <Progress />;
  if (recorded.error) return <ResponseErrorPanel error={recorded.error} />;
  if (options.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" className={onPage}>
        No column lineage recorded here yet, and no columns declared. Column
        lineage comes from the OpenLineage columnLineage facet, which your
        scheduler sends with its run events.
      </Typography>
    );
  }
  return (
    <Box className={onPage}>
      <Box className={classes.controls}>
        <TextField
          select
          size="small"
          variant="outlined"
          id={ids.column}
          label="Column"
          value={column}
          onChange={e => pick(e.target.value)}
          style={{ minWidth: 280 }}
          SelectProps={{ renderValue: value => value as string }}
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
                  {o.declared === false ? ' · not in schema' : ''}
                  {columnPiiHint(pii.columns.get(o.column))}
                </Typography>
              </Box>
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          variant="outlined"
          id={ids.hops}
          label="Hops"
          value={depth}
          onChange={e => setDepth(Number(e.target.value))}
          style={{ minWidth: 100 }}
        >
          {COLUMN_HOPS.map(hops => (
            <MenuItem key={hops} value={hops}>
              {hops}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={directOnly}
              onChange={e => setDirectOnly(e.target.checked)}
              color="primary"
            />
          }
          label="Direct only"
        />
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        DIRECT: the values come from the source column (IDENTITY,
        TRANSFORMATION, AGGREGATION). INDIRECT: the source column decides which
        rows or groups there are, without its values being in the result (JOIN,
        GROUP_BY, FILTER, SORT, WINDOW, CONDITIONAL). Masked: the original
        values cannot be read back, as with a hash.
      </Typography>
      {column && <ColumnPiiSummary column={column} pii={pii} />}
      {column && (
        <ColumnLineageResult
          node={props.node}
          column={column}
          depth={depth}
          directOnly={directOnly}
        />
      )}
    </Box>
  );
}

/** The lineage of one column, `depth` hops each way, as two tables. */
function ColumnLineageResult(props: {
  node: string;
  column: string;
  depth: number;
  directOnly: boolean;
}) {
  const api = useApi(dataPlatformApiRef);
  const { node, column, depth, directOnly } = props;
  const lineage = useAsync(
    () => api.getColumnLineage(node, column, depth),
    [api, node, column, depth],
  );
  const names = useMemo(
    () => (lineage.value ? nodeNames(lineage.value) : undefined),
    [lineage.value],
  );
  // The answer for another column is not shown while this one loads.
  const shown = lineage.value?.column === column ? lineage.value : undefined;
  return (
    <>
      {lineage.loading && <Progress />}
      {lineage.error && <ResponseErrorPanel error={lineage.error} />}
      {shown && names && (
        <>
          {(['upstream', 'downstream'] as const).map(side => (
            <ColumnSide
              key={side}
              lineage={shown}
              side={side}
              directOnly={directOnly}
              depth={depth}
              names={names}
            />
          ))}
          {(shown.hiddenNodes ?? 0) > 0 && (
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ marginTop: 8 }}
            >
              Not shown: the columns of {plural(shown.hiddenNodes!, 'node')}{' '}
              whose catalog entities you do not have access to, or that are
              reached only through them.
            </Typography>
          )}
          {shown.upstream.length + shown.downstream.length === 0 && (
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
    </>
  );
}
