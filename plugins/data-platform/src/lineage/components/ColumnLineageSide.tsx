import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ColumnLineage,
  ColumnTransformation,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { plural } from '../../format/words';
import { useColumnsViewLink } from '../../routes';
import { ColumnAt, ColumnImpactRow, columnImpact } from '../state/columnImpact';

const nodeName = (id: string) =>
  id
    .replace(/^[a-z]+:default\//, '')
    .replace(/^openlineage:(dataset|job):/, '');

const useStyles = makeStyles(theme => ({
  link: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    '& + &': { marginTop: theme.spacing(0.5) },
  },
  masked: { background: '#6a1b9a', color: '#fff' },
}));

/** What the answer says of its nodes, by id. */
export type NodeNames = (id: string) => {
  title: string;
  registered: boolean;
  /** Undefined from a backend that does not name its nodes. */
  kind?: string;
};

export function nodeNames(lineage: ColumnLineage): NodeNames {
  const byId = new Map((lineage.nodes ?? []).map(n => [n.id, n]));
  return id =>
    byId.get(id) ?? {
      title: nodeName(id),
      registered: !id.startsWith('openlineage:'),
    };
}

/**
 * A listed column: a link to its own Columns view when it is a column of a
 * data endpoint in the catalog, to walk on from there.
 */
function ColumnName(props: { at: ColumnAt; names: NodeNames }) {
  const entityLink = useEntityRefLink();
  const columnsViewLink = useColumnsViewLink();
  const { title, registered, kind } = props.names(props.at.node);
  const name = <strong>{props.at.column}</strong>;
  if (!registered || kind !== 'DataEndpoint') return name;
  return (
    <Link
      to={columnsViewLink(entityLink(props.at.node), props.at.column)}
      title={`The column lineage of ${props.at.column} in ${title}`}
    >
      {name}
    </Link>
  );
}

/** A node of the index: linked to its catalog page unless seen only in OpenLineage. */
function NodeName(props: { id: string; names: NodeNames }) {
  const entityLink = useEntityRefLink();
  const { title, registered } = props.names(props.id);
  if (!registered) return <>{title}</>;
  return <Link to={entityLink(props.id)}>{title}</Link>;
}

function Transformation(props: { transformation: ColumnTransformation }) {
  const classes = useStyles();
  const t = props.transformation;
  return (
    <>
      <Chip
        size="small"
        label={t.subtype ? `${t.type} · ${t.subtype}` : t.type}
        color={t.type === 'DIRECT' ? 'primary' : 'default'}
        title={t.description}
      />
      {t.masking && (
        <Chip size="small" label="masked" className={classes.masked} />
      )}
    </>
  );
}

/** The edges joining a listed column to the focused column's side. */
function Links(props: {
  row: ColumnImpactRow;
  focused: ColumnAt;
  names: NodeNames;
}) {
  const classes = useStyles();
  return (
    <>
      {props.row.links.map(link => {
        const isFocused =
          link.next.node === props.focused.node &&
          link.next.column === props.focused.column;
        return (
          <div
            className={classes.link}
            key={`${link.next.node}/${link.next.column}/${link.via ?? ''}`}
          >
            {isFocused ? (
              <Typography variant="body2" color="textSecondary">
                this column
              </Typography>
            ) : (
              <>
                <strong>{link.next.column}</strong>
                <Typography variant="caption" color="textSecondary">
                  <NodeName id={link.next.node} names={props.names} />
                </Typography>
              </>
            )}
            {link.transformations.map((t, i) => (
              <Transformation key={i} transformation={t} />
            ))}
            {link.via && (
              <Typography variant="caption" color="textSecondary">
                by <NodeName id={link.via} names={props.names} />
              </Typography>
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * One side of a column's lineage, upstream or downstream: each column reached
 * once, at its fewest hops, with how it feeds (or is fed by) the column one hop
 * nearer and through which job.
 */
export function ColumnSide(props: {
  lineage: ColumnLineage;
  side: 'upstream' | 'downstream';
  directOnly: boolean;
  depth: number;
  names: NodeNames;
}) {
  const { lineage, side, names } = props;
  const impact = useMemo(
    () =>
      columnImpact(lineage, side, {
        directOnly: props.directOnly,
        titleOf: id => names(id).title,
      }),
    [lineage, side, props.directOnly, names],
  );
  const title = `${side === 'upstream' ? 'Upstream' : 'Downstream'} of ${
    lineage.column
  }`;
  const farthest = impact.rows.at(-1)?.hop ?? 0;
  const summary = [
    impact.rows.length > 0 &&
      `${side === 'upstream' ? 'Derived from' : 'Feeds'} ${plural(
        impact.rows.length,
        'column',
      )} in ${plural(impact.nodes, 'dataset')}, ${plural(
        farthest,
        'hop',
      )} away at most.`,
    lineage.cutoff?.sides.includes(side)
      ? `The walk stopped at ${plural(
          lineage.cutoff.maxEdges,
          'column edge',
        )}: there are more.`
      : farthest === props.depth &&
        'There may be more beyond: show more hops to look further.',
    impact.hidden > 0 &&
      `${plural(
        impact.hidden,
        'column',
      )} only reached through INDIRECT transformations hidden.`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Box mt={3}>
      <Typography variant="subtitle2">{title}</Typography>
      <Typography variant="body2" color="textSecondary">
        {impact.rows.length === 0 && !impact.hidden
          ? 'None recorded.'
          : summary}
      </Typography>
      {impact.rows.length > 0 && (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell style={{ width: '30%' }}>Column</TableCell>
              <TableCell
                align="right"
                style={{ width: 80, whiteSpace: 'nowrap' }}
              >
                Hops
              </TableCell>
              <TableCell>
                {side === 'upstream' ? 'Feeds' : 'Derived from'}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {impact.rows.map(row => (
              <TableRow key={`${row.column.node}/${row.column.column}`}>
                <TableCell>
                  <ColumnName at={row.column} names={names} />
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    <NodeName id={row.column.node} names={names} />
                  </Typography>
                </TableCell>
                <TableCell align="right">{row.hop}</TableCell>
                <TableCell>
                  <Links row={row} focused={lineage} names={names} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
