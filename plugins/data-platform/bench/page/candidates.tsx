import { useEffect, useMemo, useState } from 'react';
import { DependencyGraph } from '@backstage/core-components';
import { ReactFlow, Handle, Position, type NodeProps } from '@xyflow/react';
import ELK, { type ElkNode } from 'elkjs/lib/elk-api.js';
import dagre from '@dagrejs/dagre';
import * as d3dag from 'd3-dag';
import type { LineageGraph } from '@dataplatform/backstage-plugin-data-platform-common';
import { LineageCanvas } from '../../src/lineage/graph/LineageCanvas';
import { SvgLineage } from './SvgLineage';
import { FloorCanvas } from './FloorCanvas';
import {
  COLUMN_GAP,
  NODE_HEIGHT,
  NODE_WIDTH,
  ROW_GAP,
} from '../../src/lineage/graph/visuals';
import { runLayout } from '../../src/lineage/layout/runLayout';
import type {
  LayoutRequest,
  LayoutResult,
} from '../../src/lineage/layout/types';
import { hiddenNeighbourCounts } from '../../src/lineage/state/hiddenCounts';
import { CanvasSurfaceContext } from '../../src/lineage/graph/canvasSurface';
import { phases, timedCanvasSurface } from './phases';

/** One way of drawing a lineage graph, as the bench page mounts it. */
export type Candidate = {
  name: string;
  layout: string;
  renderer: string;
  /** Elements that are one node each, once rendered. */
  nodeSelector: string;
  /** The one element whose `data-nodes` counts the nodes drawn, instead. */
  countsNodes?: boolean;
  /** The element whose transform pan/zoom changes. */
  viewportSelector: string;
  /** Where to point the mouse for pan/zoom. */
  surfaceSelector: string;
  render(graph: LineageGraph): JSX.Element;
};

const request = (graph: LineageGraph): LayoutRequest => ({
  root: graph.root,
  nodes: graph.nodes,
  edges: graph.edges,
  nodeWidth: NODE_WIDTH,
  nodeHeight: NODE_HEIGHT,
  columnGap: COLUMN_GAP,
  rowGap: ROW_GAP,
});

/** Our canvas renderer (or the SVG one) over a layout from any engine. */
function CanvasWith(props: {
  graph: LineageGraph;
  layout(req: LayoutRequest): Promise<LayoutResult>;
  svg?: boolean;
  floor?: 'empty' | 'rects';
}) {
  const { graph } = props;
  const [layout, setLayout] = useState<LayoutResult>();
  useEffect(() => {
    props.layout(request(graph)).then(result => {
      phases.layoutDone(result.elapsedMs);
      setLayout(result);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph]);
  const hidden = useMemo(
    () => hiddenNeighbourCounts(graph.nodes, graph.edges),
    [graph],
  );
  if (!layout) return <div>laying out…</div>;
  if (props.floor)
    return <FloorCanvas layout={layout} rects={props.floor === 'rects'} />;
  if (props.svg)
    return <SvgLineage graph={graph} layout={layout} hidden={hidden} />;
  return (
    <CanvasSurfaceContext.Provider value={timedCanvasSurface}>
      <LineageCanvas
        nodes={graph.nodes}
        edges={graph.edges}
        layout={layout}
        root={graph.root}
        hidden={hidden}
        onSelect={() => {}}
        onExpand={() => {}}
      />
    </CanvasSurfaceContext.Provider>
  );
}

let elk: InstanceType<typeof ELK> | undefined;
async function elkLayout(req: LayoutRequest): Promise<LayoutResult> {
  elk ??= new ELK({ workerUrl: '/elk-worker.min.js' });
  const started = performance.now();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(req.columnGap),
      'elk.spacing.nodeNode': String(req.rowGap),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.thoroughness': '1',
    },
    children: req.nodes.map(n => ({
      id: n.id,
      width: req.nodeWidth,
      height: req.nodeHeight,
    })),
    edges: req.edges.map((e, i) => ({
      id: `e${i}`,
      sources: [e.from],
      targets: [e.to],
    })),
  };
  const out = await elk.layout(graph);
  const positions: LayoutResult['positions'] = {};
  for (const c of out.children ?? []) {
    positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0, column: 0 };
  }
  return {
    positions,
    width: out.width ?? 0,
    height: out.height ?? 0,
    elapsedMs: performance.now() - started,
  };
}

async function dagreLayout(req: LayoutRequest): Promise<LayoutResult> {
  const started = performance.now();
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: req.rowGap, ranksep: req.columnGap });
  g.setDefaultEdgeLabel(() => ({}));
  req.nodes.forEach(n =>
    g.setNode(n.id, { width: req.nodeWidth, height: req.nodeHeight }),
  );
  req.edges.forEach(e => g.setEdge(e.from, e.to));
  dagre.layout(g);
  const positions: LayoutResult['positions'] = {};
  g.nodes().forEach(id => {
    const n = g.node(id);
    positions[id] = {
      x: n.x - req.nodeWidth / 2,
      y: n.y - req.nodeHeight / 2,
      column: 0,
    };
  });
  return {
    positions,
    width: g.graph().width ?? 0,
    height: g.graph().height ?? 0,
    elapsedMs: performance.now() - started,
  };
}

async function d3dagLayout(req: LayoutRequest): Promise<LayoutResult> {
  const started = performance.now();
  const connect = d3dag
    .graphConnect()
    .sourceId(([s]: [string, string]) => s)
    .targetId(([, t]: [string, string]) => t);
  const dag = connect(req.edges.map(e => [e.from, e.to] as [string, string]));
  const layout = d3dag
    .sugiyama()
    .layering(d3dag.layeringLongestPath())
    .decross(d3dag.decrossTwoLayer())
    .coord(d3dag.coordGreedy())
    .nodeSize([req.nodeHeight, req.nodeWidth])
    .gap([req.rowGap, req.columnGap]);
  const { width, height } = layout(dag);
  const positions: LayoutResult['positions'] = {};
  for (const node of dag.nodes()) {
    // d3-dag lays out top-down: swap axes for left-to-right.
    positions[node.data] = {
      x: node.y - req.nodeWidth / 2,
      y: node.x - req.nodeHeight / 2,
      column: 0,
    };
  }
  return {
    positions,
    width: height,
    height: width,
    elapsedMs: performance.now() - started,
  };
}

function FlowNode({ data }: NodeProps) {
  const d = data as { title: string; kind: string };
  return (
    <div
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        border: '1.5px solid #1f78b4',
        borderRadius: 8,
        background: '#fff',
        fontSize: 13,
        padding: '6px 10px',
        boxSizing: 'border-box',
      }}
    >
      <Handle type="target" position={Position.Left} />
      <div style={{ fontWeight: 600 }}>{d.title}</div>
      <div style={{ fontSize: 11 }}>{d.kind}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
const flowNodeTypes = { lineage: FlowNode };

function ReactFlowWith(props: { graph: LineageGraph }) {
  const { graph } = props;
  const [layout, setLayout] = useState<LayoutResult>();
  useEffect(() => {
    runLayout(request(graph)).then(setLayout);
  }, [graph]);
  if (!layout) return <div>laying out…</div>;
  const nodes = graph.nodes.map(n => ({
    id: n.id,
    type: 'lineage',
    position: layout.positions[n.id],
    data: { title: n.title, kind: n.kind },
  }));
  const edges = graph.edges.map((e, i) => ({
    id: `e${i}`,
    source: e.from,
    target: e.to,
    animated: false,
    style: e.source === 'observed' ? { strokeDasharray: '7 5' } : undefined,
  }));
  return (
    <div style={{ width: '100%', height: '100%' }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={flowNodeTypes}
        minZoom={0.02}
        nodesDraggable={false}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
      />
    </div>
  );
}

// Ours counts as drawn once the canvas has painted every node of the
// scene: the accessible list holds buttons for a window of them only.
const ours = {
  nodeSelector: '[data-testid="lineage-canvas"]',
  countsNodes: true,
  viewportSelector: '[data-testid="lineage-canvas"]',
  surfaceSelector: '[data-testid="lineage-canvas"]',
};

export const candidates: Candidate[] = [
  {
    name: 'backstage-dependency-graph',
    layout: 'dagre (main thread)',
    renderer: 'DependencyGraph SVG',
    nodeSelector: 'svg#dependency-graph [data-testid="node"]',
    viewportSelector: 'svg#dependency-graph g#workspace',
    surfaceSelector: 'svg#dependency-graph',
    render: graph => (
      <DependencyGraph
        nodes={graph.nodes.map(n => ({ id: n.id }))}
        edges={graph.edges.map(e => ({ from: e.from, to: e.to }))}
        direction={'LR' as any}
        fit="contain"
        style={{ width: '100%', height: '100%' }}
      />
    ),
  },
  {
    name: 'layered-worker+canvas',
    layout: 'ours, layered (worker)',
    renderer: 'canvas 2D + d3-zoom',
    ...ours,
    render: graph => <CanvasWith graph={graph} layout={runLayout} />,
  },
  {
    name: 'floor:empty-canvas',
    layout: 'ours, layered (worker)',
    renderer: 'a cleared canvas + d3-zoom',
    nodeSelector: '[data-testid="floor-canvas"]',
    countsNodes: true,
    viewportSelector: '[data-testid="floor-canvas"]',
    surfaceSelector: '[data-testid="floor-canvas"]',
    render: graph => (
      <CanvasWith graph={graph} layout={runLayout} floor="empty" />
    ),
  },
  {
    name: 'floor:plain-rects',
    layout: 'ours, layered (worker)',
    renderer: 'every box filled, no culling',
    nodeSelector: '[data-testid="floor-canvas"]',
    countsNodes: true,
    viewportSelector: '[data-testid="floor-canvas"]',
    surfaceSelector: '[data-testid="floor-canvas"]',
    render: graph => (
      <CanvasWith graph={graph} layout={runLayout} floor="rects" />
    ),
  },
  {
    name: 'layered-worker+svg',
    layout: 'ours, layered (worker)',
    renderer: 'SVG + d3-zoom',
    nodeSelector: '[data-testid="lineage-svg"] [data-node-id]',
    viewportSelector: '[data-testid="lineage-svg"] > g',
    surfaceSelector: '[data-testid="lineage-svg"]',
    render: graph => <CanvasWith graph={graph} layout={runLayout} svg />,
  },
  {
    name: 'layered-worker+reactflow',
    layout: 'ours, layered (worker)',
    renderer: '@xyflow/react',
    nodeSelector: '.react-flow__node',
    viewportSelector: '.react-flow__viewport',
    surfaceSelector: '.react-flow__pane',
    render: graph => <ReactFlowWith graph={graph} />,
  },
  {
    name: 'elk-worker+canvas',
    layout: 'elkjs layered (worker)',
    renderer: 'canvas 2D + d3-zoom',
    ...ours,
    render: graph => <CanvasWith graph={graph} layout={elkLayout} />,
  },
  {
    name: 'dagre+canvas',
    layout: '@dagrejs/dagre (main thread)',
    renderer: 'canvas 2D + d3-zoom',
    ...ours,
    render: graph => <CanvasWith graph={graph} layout={dagreLayout} />,
  },
  {
    name: 'd3-dag+canvas',
    layout: 'd3-dag sugiyama (main thread)',
    renderer: 'canvas 2D + d3-zoom',
    ...ours,
    render: graph => <CanvasWith graph={graph} layout={d3dagLayout} />,
  },
];
