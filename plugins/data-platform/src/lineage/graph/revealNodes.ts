import type { LayoutResult } from '../layout/types';
import { NODE_HEIGHT, NODE_WIDTH } from './visuals';

/** Room kept around revealed nodes: their "+N" handles sit outside the box. */
const MARGIN = 48;

/** The least zoom a view opens at by itself: 13 px titles drawn at 7 px. */
export const LEGIBLE_ZOOM = 0.55;

type Viewport = { width: number; height: number };
type View = { x: number; y: number; k: number };

/** The zoom that shows a whole layout, with room for the "+N" handles; at most 1. */
function fitZoom(layout: LayoutResult, viewport: Viewport): number {
  return Math.min(
    1,
    (viewport.width - 160) / Math.max(layout.width, 1),
    (viewport.height - 40) / Math.max(layout.height, 1),
  );
}

/** The whole layout, centred, however small that makes it. */
export function wholeView(layout: LayoutResult, viewport: Viewport): View {
  const k = fitZoom(layout, viewport);
  return {
    x: (viewport.width - layout.width * k) / 2,
    y: (viewport.height - layout.height * k) / 2,
    k,
  };
}

/**
 * The whole layout if its titles stay legible so (zoom >= LEGIBLE_ZOOM);
 * else the part around the root that zoom `k` shows (see viewOfRoot).
 */
export function legibleView(
  layout: LayoutResult,
  root: string,
  viewport: Viewport,
  k: number,
): View | undefined {
  if (fitZoom(layout, viewport) >= LEGIBLE_ZOOM) {
    return wholeView(layout, viewport);
  }
  return viewOfRoot(layout, root, viewport, k);
}

/**
 * After an expansion the expanded node stays where it was on screen, but the
 * neighbours it brought can land outside the view (upstream ones to the left
 * of the canvas). Returns how far to pan, per axis, so that the expanded node
 * and its new neighbours are all on screen; an axis on which they do not fit
 * is left alone, so the expanded node never moves out of view.
 */
export function panToReveal(
  transform: { x: number; y: number; k: number },
  viewport: Viewport,
  before: LayoutResult,
  after: LayoutResult,
  anchor: string,
): { dx: number; dy: number } {
  const ids = Object.keys(after.positions).filter(
    id => id === anchor || !before.positions[id],
  );
  if (ids.length <= 1) return { dx: 0, dy: 0 };
  const { k } = transform;
  const box = boundsOf(after, ids);
  const left = box.left * k + transform.x;
  const top = box.top * k + transform.y;
  const right = box.right * k + transform.x;
  const bottom = box.bottom * k + transform.y;
  const shift = (low: number, high: number, size: number) => {
    if (high - low > size - 2 * MARGIN) return 0;
    if (low < MARGIN) return MARGIN - low;
    if (high > size - MARGIN) return size - MARGIN - high;
    return 0;
  };
  return {
    dx: shift(left, right, viewport.width),
    dy: shift(top, bottom, viewport.height),
  };
}

/**
 * Room kept inside the canvas when framing nodes: their "+N" handles sit
 * outside their boxes, the zoom controls overlay the top right corner and
 * the in-view note the bottom left.
 */
export const FRAME_INSETS = { left: 48, top: 48, right: 72, bottom: 56 };

/** The zoom at which a box fits the canvas within FRAME_INSETS. */
function zoomToFit(
  box: { left: number; top: number; right: number; bottom: number },
  viewport: Viewport,
): number {
  const { left, top, right, bottom } = FRAME_INSETS;
  return Math.min(
    (viewport.width - left - right) / Math.max(box.right - box.left, 1),
    (viewport.height - top - bottom) / Math.max(box.bottom - box.top, 1),
  );
}

/**
 * The view that shows the given nodes (a highlighted path, in order), at a
 * zoom where their titles can be read: between LEGIBLE_ZOOM and 1. When all
 * of them do not fit so, it frames as many as fit, walking the path from
 * `anchor` (the explorer's start: the late pipeline, then its nearest
 * upstream...); the rest is a pan away. The framed nodes are centred in the
 * room FRAME_INSETS leave; a group bigger than that room even at
 * LEGIBLE_ZOOM (one node on a tiny canvas) is shown from its top left.
 */
export function frameNodes(
  layout: LayoutResult,
  ids: Iterable<string>,
  viewport: Viewport,
  anchor?: string,
): View | undefined {
  const path = [...ids].filter(id => layout.positions[id]);
  if (path.length === 0) return undefined;
  const from = anchor ? path.indexOf(anchor) : -1;
  const start = from >= 0 ? from : path.length - 1;
  // Nearest the anchor first, along the path.
  const order = path
    .map((id, i) => ({ id, distance: Math.abs(i - start), i }))
    .sort((a, b) => a.distance - b.distance || b.i - a.i)
    .map(n => n.id);
  let framed = [order[0]];
  for (let n = 2; n <= order.length; n++) {
    const next = order.slice(0, n);
    if (zoomToFit(boundsOf(layout, next), viewport) < LEGIBLE_ZOOM) break;
    framed = next;
  }
  const box = boundsOf(layout, framed);
  const k = Math.max(LEGIBLE_ZOOM, Math.min(1, zoomToFit(box, viewport)));
  const { left, top, right, bottom } = FRAME_INSETS;
  const place = (low: number, high: number, before: number, room: number) => {
    const size = (high - low) * k;
    const offset = size > room ? 0 : (room - size) / 2;
    return before + offset - low * k;
  };
  return {
    x: place(box.left, box.right, left, viewport.width - left - right),
    y: place(box.top, box.bottom, top, viewport.height - top - bottom),
    k,
  };
}

/**
 * The first view of a graph too big to show whole, at zoom `k`: the root
 * vertically centred; horizontally centred too, unless all the graph lies on
 * one side of it (one direction walked), then at the edge it points away
 * from, so the screen shows its lineage instead of empty space.
 */
export function viewOfRoot(
  layout: LayoutResult,
  root: string,
  viewport: Viewport,
  k: number,
): View | undefined {
  const p = layout.positions[root];
  if (!p) return undefined;
  const xs = Object.values(layout.positions).map(q => q.x);
  const [left, right] = [Math.min(...xs), Math.max(...xs)];
  let x = viewport.width / 2 - (p.x + NODE_WIDTH / 2) * k;
  if (left < right && p.x === right) {
    x = viewport.width - MARGIN - (p.x + NODE_WIDTH) * k;
  } else if (left < right && p.x === left) {
    x = MARGIN - p.x * k;
  }
  return { x, y: viewport.height / 2 - (p.y + NODE_HEIGHT / 2) * k, k };
}

/** The box around some laid-out nodes, in graph coordinates. */
function boundsOf(layout: LayoutResult, ids: string[]) {
  const box = {
    left: Infinity,
    top: Infinity,
    right: -Infinity,
    bottom: -Infinity,
  };
  for (const id of ids) {
    const p = layout.positions[id];
    box.left = Math.min(box.left, p.x);
    box.top = Math.min(box.top, p.y);
    box.right = Math.max(box.right, p.x + NODE_WIDTH);
    box.bottom = Math.max(box.bottom, p.y + NODE_HEIGHT);
  }
  return box;
}
