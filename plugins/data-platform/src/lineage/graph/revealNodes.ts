import type { LayoutResult } from '../layout/types';
import { NODE_HEIGHT, NODE_WIDTH } from './visuals';

/** Room kept around revealed nodes: their "+N" handles sit outside the box. */
const MARGIN = 48;

/**
 * After an expansion the expanded node stays where it was on screen, but the
 * neighbours it brought can land outside the view (upstream ones to the left
 * of the canvas). Returns how far to pan, per axis, so that the expanded node
 * and its new neighbours are all on screen; an axis on which they do not fit
 * is left alone, so the expanded node never moves out of view.
 */
export function panToReveal(
  transform: { x: number; y: number; k: number },
  viewport: { width: number; height: number },
  before: LayoutResult,
  after: LayoutResult,
  anchor: string,
): { dx: number; dy: number } {
  const ids = Object.keys(after.positions).filter(
    id => id === anchor || !before.positions[id],
  );
  if (ids.length <= 1) return { dx: 0, dy: 0 };
  const { k } = transform;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const id of ids) {
    const p = after.positions[id];
    left = Math.min(left, p.x * k + transform.x);
    top = Math.min(top, p.y * k + transform.y);
    right = Math.max(right, (p.x + NODE_WIDTH) * k + transform.x);
    bottom = Math.max(bottom, (p.y + NODE_HEIGHT) * k + transform.y);
  }
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
