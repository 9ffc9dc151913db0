import type { LayoutResult } from '../layout/types';
import { panToReveal } from './revealNodes';
import { NODE_WIDTH } from './visuals';

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
