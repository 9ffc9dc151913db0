import type {
  LineageNode,
  LineagePath,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { fromGraph, mergeGraph, pathToMerge } from './mergeGraph';

const node = (id: string, depth: number): LineageNode => ({
  id,
  kind: 'Pipeline',
  title: id,
  registered: true,
  depth,
  upstreamCount: 1,
  downstreamCount: 1,
});

describe('pathToMerge', () => {
  // On screen: the late pipeline (root) and the table it reads.
  const shown = fromGraph({
    root: 'late',
    nodes: [node('late', 0), node('table', -1)],
    edges: [{ from: 'table', to: 'late', source: 'declared' }],
  });
  // The path from its root cause, two tables and a pipeline upstream.
  const found: LineagePath = {
    from: 'cause',
    to: 'late',
    path: ['cause', 'raw', 'table', 'late'],
    nodes: ['cause', 'raw', 'table', 'late'].map((id, i) => node(id, i)),
    edges: [
      { from: 'cause', to: 'raw', source: 'declared' },
      { from: 'raw', to: 'table', source: 'declared' },
      { from: 'table', to: 'late', source: 'declared' },
    ],
  };

  it('places a path that starts off screen upstream of where it joins the view', () => {
    const merge = pathToMerge(found, shown)!;
    expect(merge.around).toBe('table');
    const merged = mergeGraph(shown, merge.graph, merge.around);
    expect(Object.fromEntries(merged.nodes.map(n => [n.id, n.depth]))).toEqual({
      late: 0,
      table: -1,
      raw: -2,
      cause: -3,
    });
    expect(merged.edges).toHaveLength(3);
  });

  it('has nothing to merge when no node of the path is on screen', () => {
    expect(
      pathToMerge(
        found,
        fromGraph({ root: 'x', nodes: [node('x', 0)], edges: [] }),
      ),
    ).toBeUndefined();
  });
});

describe('restricted lineage', () => {
  it('remembers that an answer left nodes out, through later expansions', () => {
    const open = fromGraph({ root: 'a', nodes: [node('a', 0)], edges: [] });
    expect(open.restricted).toBe(false);
    const expanded = mergeGraph(
      open,
      { nodes: [node('b', 1)], edges: [], hiddenNodes: 2 },
      'a',
    );
    expect(expanded.restricted).toBe(true);
    expect(
      mergeGraph(expanded, { nodes: [node('c', 1)], edges: [] }, 'b')
        .restricted,
    ).toBe(true);
    expect(
      fromGraph({ root: 'a', nodes: [], edges: [], hiddenNodes: 1 }).restricted,
    ).toBe(true);
  });
});
