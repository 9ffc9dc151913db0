import { memo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import type { LineageNode } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  KIND_STYLE,
  NODE_HEIGHT,
  NODE_WIDTH,
  PATH_COLOUR,
  fitTitle,
} from '../../src/lineage/graph/visuals';

type Props = {
  node: LineageNode;
  x: number;
  y: number;
  isRoot: boolean;
  selected: boolean;
  onPath: boolean;
  dimmed: boolean;
  hiddenUpstream: number;
  hiddenDownstream: number;
  /** The API cut the walk off here: the counts may be incomplete. */
  truncated: boolean;
};

/**
 * One lineage node: a box coloured by kind, with "+N" handles on the side(s)
 * that have neighbours not on screen. Unregistered nodes (seen only in
 * OpenLineage events) get a dashed grey border and say so.
 */
export const SvgNodeBox = memo(function SvgNodeBoxComponent(props: Props) {
  const { node, isRoot, selected, onPath, dimmed } = props;
  const theme = useTheme();
  const kind = KIND_STYLE[node.kind];
  const colour = node.registered ? kind.colour : '#9e9e9e';
  const paper = theme.palette.background.paper;
  const text = theme.palette.text.primary;
  const subtitle = node.registered
    ? kind.label
    : `${kind.label} · not in catalog`;
  let outline = colour;
  if (onPath) outline = PATH_COLOUR;
  if (selected) outline = theme.palette.primary.main;
  return (
    <g
      transform={`translate(${props.x},${props.y})`}
      data-node-id={node.id}
      data-kind={node.kind}
      data-registered={node.registered ? 'true' : 'false'}
      data-root={isRoot ? 'true' : undefined}
      data-on-path={onPath ? 'true' : undefined}
      opacity={dimmed ? 0.3 : 1}
      role="button"
      tabIndex={0}
      aria-label={`${kind.label} ${node.title}${
        node.registered ? '' : ' (not in catalog)'
      }`}
      aria-pressed={selected}
      style={{ cursor: 'pointer' }}
    >
      <title>{`${node.title}\n${node.id}`}</title>
      <rect
        width={NODE_WIDTH}
        height={NODE_HEIGHT}
        rx={8}
        fill={paper}
        stroke={outline}
        strokeWidth={selected || onPath || isRoot ? 3 : 1.5}
        strokeDasharray={node.registered ? undefined : '5 3'}
      />
      <rect x={0} y={0} width={6} height={NODE_HEIGHT} rx={3} fill={colour} />
      <circle cx={26} cy={NODE_HEIGHT / 2} r={12} fill={colour} />
      <text
        x={26}
        y={NODE_HEIGHT / 2 + 4.5}
        textAnchor="middle"
        fontSize={13}
        fontWeight={700}
        fill="#ffffff"
      >
        {kind.badge}
      </text>
      <text x={46} y={22} fontSize={13} fontWeight={600} fill={text}>
        {fitTitle(node.title)}
      </text>
      <text
        x={46}
        y={39}
        fontSize={11}
        fill={node.registered ? theme.palette.text.secondary : '#b71c1c'}
      >
        {subtitle}
      </text>
      {props.hiddenUpstream > 0 && (
        <ExpandHandle
          id={node.id}
          direction="upstream"
          count={props.hiddenUpstream}
          truncated={props.truncated}
        />
      )}
      {props.hiddenDownstream > 0 && (
        <ExpandHandle
          id={node.id}
          direction="downstream"
          count={props.hiddenDownstream}
          truncated={props.truncated}
        />
      )}
    </g>
  );
});

function ExpandHandle(props: {
  id: string;
  direction: 'upstream' | 'downstream';
  count: number;
  truncated: boolean;
}) {
  const label = `+${props.count}${props.truncated ? '…' : ''}`;
  const width = 12 + label.length * 7.5;
  const x = props.direction === 'upstream' ? -width - 4 : NODE_WIDTH + 4;
  return (
    <g
      data-expand={props.direction}
      data-node={props.id}
      role="button"
      tabIndex={0}
      aria-label={`Show ${props.count} more ${props.direction}`}
      transform={`translate(${x},${NODE_HEIGHT / 2 - 11})`}
    >
      <title>{`${props.count} ${props.direction} not shown: click to expand`}</title>
      <rect width={width} height={22} rx={11} fill="#455a64" />
      <text
        x={width / 2}
        y={15}
        textAnchor="middle"
        fontSize={12}
        fontWeight={700}
        fill="#ffffff"
      >
        {label}
      </text>
    </g>
  );
}
