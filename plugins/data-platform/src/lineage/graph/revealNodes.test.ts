import type { LayoutResult } from '../layout/types';
import {
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
  const inView = (
    t: { x: number; y: number; k: number },
    p: { x: number; y: number },
  ) =>
    p.x * t.k + t.x >= 0 &&
    (p.x + NODE_WIDTH) * t.k + t.x <= viewport.width &&
    p.y * t.k + t.y >= 0 &&
    (p.y + NODE_HEIGHT) * t.k + t.y <= viewport.height;

  it('zooms out until a long path fits, centred, whatever the view was', () => {
    // Six hops across, the last one far below: wider and taller than the view.
    const path = layout({
      a: [0, 0],
      b: [328, 0],
      c: [656, 66],
      d: [984, 66],
      e: [1312, 660],
      f: [1640, 990],
    });
    const t = frameNodes(path, ['a', 'b', 'c', 'd', 'e', 'f'], viewport)!;
    expect(t.k).toBeLessThan(1);
    for (const p of Object.values(path.positions)) {
      expect(inView(t, p)).toBe(true);
    }
    // Centred: as much room on the left of the path as on its right.
    const left = t.x;
    const right = viewport.width - ((1640 + NODE_WIDTH) * t.k + t.x);
    expect(left).toBeCloseTo(right);
  });

  it('does not zoom in past 1 on a short path, and ignores nodes not laid out', () => {
    const graph = layout({ a: [2000, 400], b: [2328, 400], far: [0, 0] });
    const t = frameNodes(graph, ['a', 'b', 'not-laid-out'], viewport)!;
    expect(t.k).toBe(1);
    expect(inView(t, graph.positions.a)).toBe(true);
    expect(inView(t, graph.positions.b)).toBe(true);
    expect(inView(t, graph.positions.far)).toBe(false);
    expect(frameNodes(graph, ['not-laid-out'], viewport)).toBeUndefined();
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
