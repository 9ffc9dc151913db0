import { syntheticLineageGraph } from '../../../bench/lineageGraph';
import { layeredLayout, separateInOrder } from './layeredLayout';

const sizes = { nodeWidth: 200, nodeHeight: 40, columnGap: 80, rowGap: 10 };

describe('layeredLayout', () => {
  it('puts every edge left to right, and nodes of a column apart', () => {
    const graph = syntheticLineageGraph(1000, 7);
    const { positions } = layeredLayout({
      root: graph.root,
      nodes: graph.nodes,
      edges: graph.edges,
      ...sizes,
    });
    for (const e of graph.edges) {
      expect(positions[e.to].x).toBeGreaterThan(positions[e.from].x);
    }
    const byColumn = new Map<number, number[]>();
    for (const p of Object.values(positions)) {
      byColumn.set(p.x, [...(byColumn.get(p.x) ?? []), p.y]);
    }
    for (const ys of byColumn.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++)
        expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(50 - 1e-6);
    }
  });

  it('places upstream left of the root and downstream right of it, even across a shortcut', () => {
    // root -> p -> out, and root -> out directly: out goes after p.
    const { positions } = layeredLayout({
      root: 'root',
      nodes: [
        { id: 'in', depth: -1 },
        { id: 'root', depth: 0 },
        { id: 'p', depth: 1 },
        { id: 'out', depth: 1 },
      ],
      edges: [
        { from: 'in', to: 'root' },
        { from: 'root', to: 'p' },
        { from: 'p', to: 'out' },
        { from: 'root', to: 'out' },
      ],
      ...sizes,
    });
    expect([
      positions.in.column,
      positions.root.column,
      positions.p.column,
      positions.out.column,
    ]).toEqual([0, 1, 2, 3]);
  });

  it('survives cycles and edges to unknown nodes', () => {
    const result = layeredLayout({
      root: 'a',
      nodes: [
        { id: 'a', depth: 0 },
        { id: 'b', depth: 1 },
        { id: 'c', depth: 2 },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'b' },
        { from: 'c', to: 'ghost' },
      ],
      ...sizes,
    });
    expect(Object.keys(result.positions).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('separateInOrder', () => {
  it('keeps order and spacing as close to the wish as possible', () => {
    expect(separateInOrder([0, 0, 0], 10)).toEqual([-10, 0, 10]);
    expect(separateInOrder([0, 100], 10)).toEqual([0, 100]);
  });
});
