import {
  MINIMAP_SIZE,
  centreOnMinimapPoint,
  minimapFit,
  viewportInMinimap,
} from './minimap';

describe('minimap', () => {
  // Nine layers of a downstream walk: wide and flat.
  const layout = { width: 2856, height: 420 };

  it('takes the layout’s shape, within its size', () => {
    const fit = minimapFit(layout);
    expect(fit.width).toBe(MINIMAP_SIZE.width);
    expect(fit.height).toBeLessThan(MINIMAP_SIZE.height);
    expect(fit.height).toBe(Math.round(420 * fit.k + 12));
    const tall = minimapFit({ width: 300, height: 6000 });
    expect(tall.height).toBe(MINIMAP_SIZE.height);
    expect(tall.width).toBeLessThan(MINIMAP_SIZE.width);
  });

  it('draws the main view as the box of the graph it shows', () => {
    const fit = minimapFit(layout);
    // Zoomed to 0.5 with the graph's origin at the view's top left: the
    // view shows graph x 0..1600, y 0..1200.
    const box = viewportInMinimap(
      { k: 0.5, x: 0, y: 0, width: 800, height: 600 },
      fit,
    );
    expect(box).toEqual({
      x: fit.x,
      y: fit.y,
      width: 1600 * fit.k,
      height: 1200 * fit.k,
    });
  });

  it('centres the main view on the point clicked, at the same zoom', () => {
    const fit = minimapFit(layout);
    const view = { k: 0.8, width: 800, height: 600 };
    const point = { x: 150, y: 20 };
    const t = centreOnMinimapPoint(point, fit, view);
    expect(t.k).toBe(0.8);
    const box = viewportInMinimap({ ...view, ...t }, fit);
    expect(box.x + box.width / 2).toBeCloseTo(point.x);
    expect(box.y + box.height / 2).toBeCloseTo(point.y);
  });
});
