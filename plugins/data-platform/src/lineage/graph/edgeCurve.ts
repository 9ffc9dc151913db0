/** A cubic Bézier curve: start, two control points, end (x, y each). */
export type Curve = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/**
 * An edge's curve from the right of one box to the left of the next: it
 * leaves and arrives horizontally, so its height runs from y1 to y2 along
 * the smoothstep 3t² − 2t³, never outside them.
 */
export function edgeCurve(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): Curve {
  const dx = Math.max(40, Math.abs(x2 - x1) / 2);
  return [x1, y1, x1 + dx, y1, x2 - dx, y2, x2, y2];
}

/** The t at which the smoothstep 3t² − 2t³ reaches s (0 ≤ s ≤ 1). */
const smoothstepInverse = (s: number) =>
  0.5 - Math.sin(Math.asin(1 - 2 * s) / 3);

/** The part of a curve between t0 and t1 (de Casteljau). */
function piece(c: Curve, t0: number, t1: number): Curve {
  const split = (k: Curve, t: number): [Curve, Curve] => {
    const lerp = (a: number, b: number) => a + (b - a) * t;
    const [ax, ay, bx, by, cx, cy, dx, dy] = k;
    const abx = lerp(ax, bx);
    const aby = lerp(ay, by);
    const bcx = lerp(bx, cx);
    const bcy = lerp(by, cy);
    const cdx = lerp(cx, dx);
    const cdy = lerp(cy, dy);
    const abcx = lerp(abx, bcx);
    const abcy = lerp(aby, bcy);
    const bcdx = lerp(bcx, cdx);
    const bcdy = lerp(bcy, cdy);
    const mx = lerp(abcx, bcdx);
    const my = lerp(abcy, bcdy);
    return [
      [ax, ay, abx, aby, abcx, abcy, mx, my],
      [mx, my, bcdx, bcdy, cdx, cdy, dx, dy],
    ];
  };
  const head = t1 < 1 ? split(c, t1)[0] : c;
  return t0 > 0 ? split(head, t0 / t1)[1] : head;
}

/**
 * The part of an edge's curve that lies between the heights `top` and
 * `bottom`, or undefined when none does. A canvas strokes, and dashes, the
 * whole of a path it is given before clipping it to the screen: an edge
 * from a hub to a node 100,000 px further down cost as much as all the
 * edges on screen together, every frame. Only its visible stretch is drawn.
 */
export function visiblePiece(
  curve: Curve,
  top: number,
  bottom: number,
): Curve | undefined {
  const y1 = curve[1];
  const y2 = curve[7];
  if (Math.max(y1, y2) < top || Math.min(y1, y2) > bottom) return undefined;
  if (Math.min(y1, y2) >= top && Math.max(y1, y2) <= bottom) return curve;
  const at = (y: number) =>
    smoothstepInverse(Math.min(1, Math.max(0, (y - y1) / (y2 - y1))));
  const [t0, t1] = [at(top), at(bottom)].sort((a, b) => a - b);
  return piece(curve, t0, t1);
}
