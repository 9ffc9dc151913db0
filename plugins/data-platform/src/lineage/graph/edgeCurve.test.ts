import { Curve, edgeCurve, visiblePiece } from './edgeCurve';

/** A point of a cubic Bézier curve. */
const pointAt = (c: Curve, t: number) => {
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return {
    x: w[0] * c[0] + w[1] * c[2] + w[2] * c[4] + w[3] * c[6],
    y: w[0] * c[1] + w[1] * c[3] + w[2] * c[5] + w[3] * c[7],
  };
};

describe('visiblePiece', () => {
  // From a hub at the top to a reader 100,000 px further down.
  const long = edgeCurve(240, 28, 576, 100_028);

  it('keeps an edge that lies in the band whole', () => {
    const short = edgeCurve(240, 28, 576, 300);
    expect(visiblePiece(short, 0, 900)).toBe(short);
  });

  it('drops an edge wholly above or below the band', () => {
    expect(visiblePiece(edgeCurve(0, 0, 300, 100), 500, 900)).toBeUndefined();
    expect(visiblePiece(edgeCurve(0, 2000, 300, 1000), 0, 900)).toBeUndefined();
  });

  it('cuts a long edge to the stretch that crosses the band, on the same curve', () => {
    const part = visiblePiece(long, 50_000, 50_900)!;
    expect(part[1]).toBeCloseTo(50_000, 3);
    expect(part[7]).toBeCloseTo(50_900, 3);
    // Every point of the piece is a point of the whole curve at that height.
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      const p = pointAt(part, t);
      const s = (p.y - 28) / 100_000;
      const whole = 0.5 - Math.sin(Math.asin(1 - 2 * s) / 3);
      expect(p.x).toBeCloseTo(pointAt(long, whole).x, 3);
    }
  });

  it('cuts an edge that climbs, and one that starts in the band', () => {
    const up = edgeCurve(240, 100_028, 576, 28);
    const part = visiblePiece(up, 50_000, 50_900)!;
    expect(part[1]).toBeCloseTo(50_900, 3);
    expect(part[7]).toBeCloseTo(50_000, 3);
    const start = visiblePiece(long, 0, 900)!;
    expect(start.slice(0, 2)).toEqual(long.slice(0, 2));
    expect(start[7]).toBeCloseTo(900, 3);
  });
});
