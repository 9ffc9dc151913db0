import {
  browserCanvasSurface,
  CanvasSurface,
} from '../../src/lineage/graph/canvasSurface';

/**
 * Where a canvas candidate's time goes, from the page's own
 * `performance.now()` marks: when its layout came back (and how long the
 * layout itself took), when the canvas first painted a laid-out scene, and
 * how long each paint took while the view moved.
 */
export const phases = {
  started: 0,
  layoutAt: NaN,
  layoutMs: NaN,
  firstPaintAt: NaN,
  paints: [] as number[],
  reset() {
    this.started = performance.now();
    this.layoutAt = NaN;
    this.layoutMs = NaN;
    this.firstPaintAt = NaN;
    this.paints = [];
  },
  layoutDone(elapsedMs: number) {
    this.layoutAt = performance.now() - this.started;
    this.layoutMs = elapsedMs;
  },
};

/** The browser's canvas surface, timing every paint it runs. */
export const timedCanvasSurface: CanvasSurface = {
  ...browserCanvasSurface,
  requestFrame: paint =>
    requestAnimationFrame(() => {
      const t0 = performance.now();
      paint();
      const t1 = performance.now();
      if (Number.isNaN(phases.firstPaintAt)) {
        phases.firstPaintAt = t1 - phases.started;
      }
      phases.paints.push(t1 - t0);
    }),
};
