import type { Scene } from './scene';

/** The keys that move the focus between the graph's nodes. */
export const NODE_MOVE_KEYS = [
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
] as const;

export type NodeMoveKey = (typeof NODE_MOVE_KEYS)[number];

export const isNodeMoveKey = (key: string): key is NodeMoveKey =>
  (NODE_MOVE_KEYS as readonly string[]).includes(key);

/** What the arrow keys do, for the nodes' accessible description. */
export const NODE_MOVES_HINT =
  'Arrow keys move between nodes: left to the column upstream, right to the column downstream, up and down within a column. Enter shows the node’s details; Tab reaches its +N buttons.';

/** The nodes in reading order: columns left to right, each top to bottom. */
export const readingOrder = (scene: Scene) =>
  scene.columns.flatMap(column => column.nodes);

/**
 * The node a key moves to from `from`, as the graph is laid out: up and
 * down within its column, left and right to the nearest node (by height) of
 * the next column that way, Home and End to the first and last node in
 * reading order. `undefined` when there is nowhere to go that way.
 */
export function nodeAfterMove(
  scene: Scene,
  from: string,
  key: NodeMoveKey,
): string | undefined {
  const ordered = readingOrder(scene);
  if (key === 'Home') return ordered[0]?.node.id;
  if (key === 'End') return ordered.at(-1)?.node.id;
  const at = scene.columns.findIndex(c =>
    c.nodes.some(n => n.node.id === from),
  );
  if (at < 0) return ordered[0]?.node.id;
  const column = scene.columns[at].nodes;
  const row = column.findIndex(n => n.node.id === from);
  if (key === 'ArrowUp') return column[row - 1]?.node.id;
  if (key === 'ArrowDown') return column[row + 1]?.node.id;
  const next = scene.columns[at + (key === 'ArrowRight' ? 1 : -1)];
  if (!next) return undefined;
  const y = column[row].y;
  const nearest = next.nodes.reduce((best, n) =>
    Math.abs(n.y - y) < Math.abs(best.y - y) ? n : best,
  );
  return nearest.node.id;
}
