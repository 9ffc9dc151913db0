import groupBy from 'lodash/groupBy';
import type {
  LineageEdge,
  LineageNode,
  ProblemState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { LayoutResult } from '../../../src/lineage/layout/types';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  PROBLEM_STYLE,
} from '../../../src/lineage/graph/visuals';

/** A laid-out node, with what the painter and hit testing need. */
export type SceneNode = {
  node: LineageNode;
  x: number;
  y: number;
  hiddenUpstream: number;
  hiddenDownstream: number;
  /** A pipeline that pipeline health finds late or failed now. */
  problem?: ProblemState;
};

/** A laid-out edge: a cubic curve from the right of one box to the left of the next. */
export type SceneEdge = {
  edge: LineageEdge;
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
};

export type Scene = {
  nodes: SceneNode[];
  edges: SceneEdge[];
  byId: Map<string, SceneNode>;
  /** Nodes per x, sorted by y: hit testing is a binary search. */
  columns: { x: number; nodes: SceneNode[] }[];
};

export const BADGE_HEIGHT = 22;

/** Width of a "+N" handle; it sits just outside the node box. */
export function badgeWidth(count: number): number {
  return 14 + String(count).length * 8 + 8;
}

export function buildScene(
  nodes: LineageNode[],
  edges: LineageEdge[],
  layout: LayoutResult,
  hidden: Map<string, { upstream: number; downstream: number }>,
  problems: Map<string, ProblemState> = new Map(),
): Scene {
  const sceneNodes: SceneNode[] = [];
  const byId = new Map<string, SceneNode>();
  for (const node of nodes) {
    const p = layout.positions[node.id];
    if (!p) continue;
    const counts = hidden.get(node.id);
    const sceneNode: SceneNode = {
      node,
      x: p.x,
      y: p.y,
      hiddenUpstream: counts?.upstream ?? 0,
      hiddenDownstream: counts?.downstream ?? 0,
      problem: problems.get(node.id),
    };
    sceneNodes.push(sceneNode);
    byId.set(node.id, sceneNode);
  }
  const columns = Object.values(groupBy(sceneNodes, n => n.x))
    .map(list => ({ x: list[0].x, nodes: list.sort((a, b) => a.y - b.y) }))
    .sort((a, b) => a.x - b.x);
  const sceneEdges: SceneEdge[] = [];
  for (const edge of edges) {
    const a = byId.get(edge.from);
    const b = byId.get(edge.to);
    if (!a || !b) continue;
    sceneEdges.push({
      edge,
      key: `${edge.from}->${edge.to}`,
      x1: a.x + NODE_WIDTH,
      y1: a.y + NODE_HEIGHT / 2,
      x2: b.x,
      y2: b.y + NODE_HEIGHT / 2,
    });
  }
  return { nodes: sceneNodes, edges: sceneEdges, byId, columns };
}

export type Hit =
  | { type: 'node'; id: string }
  | { type: 'expand'; id: string; direction: 'upstream' | 'downstream' };

/** What is under a point in graph coordinates: a node, its "+N" handle, or nothing. */
export function hitTest(scene: Scene, x: number, y: number): Hit | undefined {
  for (const column of scene.columns) {
    const left = column.x - 60;
    const right = column.x + NODE_WIDTH + 60;
    if (x < left || x > right) continue;
    const list = column.nodes;
    // Last node whose top is above y.
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].y <= y) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) continue;
    const n = list[found];
    if (y > n.y + NODE_HEIGHT) continue;
    if (x >= n.x && x <= n.x + NODE_WIDTH)
      return { type: 'node', id: n.node.id };
    const inBadgeRow =
      y >= n.y + (NODE_HEIGHT - BADGE_HEIGHT) / 2 &&
      y <= n.y + (NODE_HEIGHT + BADGE_HEIGHT) / 2;
    if (!inBadgeRow) continue;
    if (
      n.hiddenUpstream > 0 &&
      x < n.x &&
      x >= n.x - 4 - badgeWidth(n.hiddenUpstream)
    ) {
      return { type: 'expand', id: n.node.id, direction: 'upstream' };
    }
    if (
      n.hiddenDownstream > 0 &&
      x > n.x + NODE_WIDTH &&
      x <= n.x + NODE_WIDTH + 4 + badgeWidth(n.hiddenDownstream)
    ) {
      return { type: 'expand', id: n.node.id, direction: 'downstream' };
    }
  }
  return undefined;
}

/**
 * What the canvas says of what the pointer is over: a node's title and
 * ref, with its pipeline-health problem; or which neighbours a "+N" handle
 * shows. Empty over nothing.
 */
export function hoverTitle(scene: Scene, hit: Hit | undefined): string {
  if (!hit) return '';
  const n = scene.byId.get(hit.id);
  if (hit.type === 'expand') {
    return `Show ${hit.direction} neighbours of ${n?.node.title}`;
  }
  const problem = n?.problem
    ? `\n${PROBLEM_STYLE[n.problem].label} (pipeline health)`
    : '';
  return `${n?.node.title}\n${hit.id}${problem}`;
}
