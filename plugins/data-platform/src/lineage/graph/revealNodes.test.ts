import type { LayoutResult } from '../layout/types';
import { LABEL_MIN_ZOOM } from './paintScene';
import {
  FRAME_INSETS,
  frameNodes,
  legibleView,
  LEGIBLE_ZOOM,
  panToReveal,
  viewOfRoot,
  wholeView,
} from './revealNodes';
import { NODE_HEIGHT, NODE_WIDTH } from './visuals';

const layout = (positions: Record<string, [number, number]>): LayoutResult => ({
  positions: Object.fromEntries(
    Object.entries(positions).map(([id, [x, y]]) => [id, { x, y, column: 0 }]),
  ),
  width: 0,
  height: 0,
  elapsedMs: 0,
});

const viewport = { width: 800, height: 600 };

describe('panToReveal', () => {
  it('pans right so that the upstream nodes an expansion brought are on screen', () => {
    const before = layout({ job: [0, 100], table: [328, 100] });
    // Expanding the job upstream added a column on its left.
    const after = layout({ raw: [0, 100], job: [328, 100], table: [656, 100] });
    // The job stays where it was, at the left edge of the view.
    const transform = { x: 10 - 328, y: 0, k: 1 };
    const { dx, dy } = panToReveal(transform, viewport, before, after, 'job');
    expect(dy).toBe(0);
    // raw's left edge was at -318; now at the margin.
    expect(-318 + dx).toBe(48);
    // The job is still on screen.
    expect(10 + dx + NODE_WIDTH).toBeLessThan(viewport.width);
  });

  it('does not pan when the new nodes are on screen already', () => {
    const before = layout({ job: [328, 100] });
    const after = layout({ raw: [0, 100], job: [328, 100] });
    expect(
      panToReveal({ x: 100, y: 0, k: 1 }, viewport, before, after, 'job'),
    ).toEqual({ dx: 0, dy: 0 });
  });

  it('leaves an axis alone when the new nodes do not fit on it', () => {
    const before = layout({ hub: [0, 0] });
    const positions: Record<string, [number, number]> = { hub: [0, 0] };
    for (let i = 0; i < 40; i++)
      positions[`consumer-${i}`] = [328, i * 66 - 1300];
    const { dy } = panToReveal(
      { x: 100, y: 300, k: 1 },
      viewport,
      before,
      layout(positions),
      'hub',
    );
    expect(dy).toBe(0);
  });
});

describe('frameNodes', () => {
  /** Whether a node is drawn whole inside the room FRAME_INSETS leave. */
  const inView = (
    t: { x: number; y: number; k: number },
    p: { x: number; y: number },
    size = viewport,
  ) =>
    p.x * t.k + t.x >= FRAME_INSETS.left - 0.001 &&
    (p.x + NODE_WIDTH) * t.k + t.x <= size.width - FRAME_INSETS.right + 0.001 &&
    p.y * t.k + t.y >= FRAME_INSETS.top - 0.001 &&
    (p.y + NODE_HEIGHT) * t.k + t.y <=
      size.height - FRAME_INSETS.bottom + 0.001;

  // A path from a root cause (a) to a late pipeline (f), six hops across,
  // spread far down by the rest of the graph around it.
  const longPath = layout({
    a: [0, 990],
    b: [328, 660],
    c: [656, 66],
    d: [984, 66],
    e: [1312, 0],
    f: [1640, 0],
  });
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('never zooms out past legible titles on a long path: frames its end at the start, the rest a pan away', () => {
    const t = frameNodes(longPath, ids, viewport, 'f')!;
    // Zoomed out to fit all, it would draw the titles at under 0.4.
    expect(t.k).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    expect(t.k).toBeGreaterThanOrEqual(LABEL_MIN_ZOOM);
    const shown = ids.filter(id => inView(t, longPath.positions[id]));
    // The late pipeline and its nearest upstream (and, here, two more)
    // whole; the root cause and its neighbour off screen, not cut in half.
    expect(shown).toEqual(['c', 'd', 'e', 'f']);
    for (const id of ['a', 'b']) {
      const p = longPath.positions[id];
      const right = (p.x + NODE_WIDTH) * t.k + t.x;
      const top = p.y * t.k + t.y;
      expect(right <= 0 || top >= viewport.height).toBe(true);
    }
  });

  it('walks the path from the anchor, whichever end it is', () => {
    const t = frameNodes(longPath, ids, viewport, 'a')!;
    expect(inView(t, longPath.positions.a)).toBe(true);
    expect(inView(t, longPath.positions.b)).toBe(true);
    expect(inView(t, longPath.positions.f)).toBe(false);
    // Without an anchor on the path, from its last node.
    const last = frameNodes(longPath, ids, viewport, 'elsewhere')!;
    expect(last).toEqual(frameNodes(longPath, ids, viewport, 'f'));
  });

  it('shows a short path whole, centred, without zooming in past 1', () => {
    const graph = layout({ a: [2000, 400], b: [2328, 430], far: [0, 0] });
    const t = frameNodes(graph, ['a', 'b', 'not-laid-out'], viewport, 'b')!;
    expect(t.k).toBe(1);
    expect(inView(t, graph.positions.a)).toBe(true);
    expect(inView(t, graph.positions.b)).toBe(true);
    expect(inView(t, graph.positions.far)).toBe(false);
    // Centred in the room the insets leave.
    const left = t.x + 2000 - FRAME_INSETS.left;
    const right =
      viewport.width - FRAME_INSETS.right - (t.x + 2328 + NODE_WIDTH);
    expect(left).toBeCloseTo(right);
    expect(frameNodes(graph, ['not-laid-out'], viewport)).toBeUndefined();
  });

  it('zooms out, to no less than legible, on a path that fits so', () => {
    const three = layout({ a: [0, 0], b: [328, 132], c: [656, 264] });
    const t = frameNodes(three, ['a', 'b', 'c'], viewport, 'c')!;
    expect(t.k).toBeLessThan(1);
    expect(t.k).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    for (const id of ['a', 'b', 'c']) {
      expect(inView(t, three.positions[id])).toBe(true);
    }
  });

  it('on a narrow canvas (a phone), shows the late pipeline whole at a legible zoom', () => {
    const phone = { width: 358, height: 420 };
    const t = frameNodes(longPath, ids, phone, 'f')!;
    expect(t.k).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    expect(inView(t, longPath.positions.f, phone)).toBe(true);
    // Its upstream is not drawn cut in half at the edge: a pan away.
    const e = longPath.positions.e;
    expect((e.x + NODE_WIDTH) * t.k + t.x).toBeLessThanOrEqual(0);
  });

  it('shows a node too big for a tiny canvas from its top left, at a legible zoom', () => {
    const tiny = { width: 200, height: 100 };
    const t = frameNodes(longPath, ['f'], tiny)!;
    expect(t.k).toBe(LEGIBLE_ZOOM);
    expect(1640 * t.k + t.x).toBe(FRAME_INSETS.left);
    expect(0 * t.k + t.y).toBe(FRAME_INSETS.top);
  });
});

describe('viewOfRoot', () => {
  it('centres the root when the graph spreads both ways', () => {
    const g = layout({ up: [0, 0], root: [328, 0], down: [656, 0] });
    expect(viewOfRoot(g, 'root', viewport, 1)).toEqual({
      x: 400 - (328 + NODE_WIDTH / 2),
      y: 300 - NODE_HEIGHT / 2,
      k: 1,
    });
  });

  it('puts a root with only upstream at the right edge, one with only downstream at the left', () => {
    const upstream = layout({ a: [0, 0], b: [328, 0], root: [656, 40] });
    const right = viewOfRoot(upstream, 'root', viewport, 0.8)!;
    expect(right.x + (656 + NODE_WIDTH) * 0.8).toBe(800 - 48);
    expect(right.y + (40 + NODE_HEIGHT / 2) * 0.8).toBe(300);
    const downstream = layout({ root: [0, 0], b: [328, 0], c: [656, 0] });
    expect(viewOfRoot(downstream, 'root', viewport, 0.8)!.x).toBe(48);
  });
});

describe('legibleView', () => {
  // A chain of `columns` nodes, one per layer, as the layout spaces them.
  const chain = (columns: number): LayoutResult => {
    const positions: Record<string, [number, number]> = {};
    for (let i = 0; i < columns; i++) positions[`n${i}`] = [i * 328, 0];
    return {
      ...layout(positions),
      width: columns * 328 - 96,
      height: NODE_HEIGHT,
    };
  };

  it('shows a graph whole, centred, when its titles can be read so', () => {
    const g = chain(2);
    const view = legibleView(g, 'n0', viewport, 0.8)!;
    expect(view).toEqual(wholeView(g, viewport));
    expect(view.k).toBe(1);
    expect(view.x + (g.width * view.k) / 2).toBe(400);
  });

  it('shows a graph too wide to read whole from its root, at the zoom asked for', () => {
    // Nine layers, as the downstream of an event type: whole, it would be
    // drawn at about 0.2, boxes without titles.
    const g = chain(9);
    expect(wholeView(g, viewport).k).toBeLessThan(0.25);
    const view = legibleView(g, 'n0', viewport, LEGIBLE_ZOOM)!;
    expect(view.k).toBe(LEGIBLE_ZOOM);
    // The root at the left edge, the downstream to its right.
    expect(view.x).toBe(48);
    expect(view).toEqual(viewOfRoot(g, 'n0', viewport, LEGIBLE_ZOOM));
  });
});
