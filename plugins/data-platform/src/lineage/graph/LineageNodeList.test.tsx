import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  LineageEdge,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { layeredLayout } from '../layout/layeredLayout';
import { hiddenNeighbourCounts } from '../state/hiddenCounts';
import { recordingContext } from '../__testUtils__/recordingContext';
import { browserCanvasSurface, CanvasSurfaceContext } from './canvasSurface';
import { LineageCanvas } from './LineageCanvas';
import { COLUMN_GAP, NODE_HEIGHT, NODE_WIDTH, ROW_GAP } from './visuals';

const node = (
  id: string,
  depth: number,
  counts: { up?: number; down?: number } = {},
): LineageNode => ({
  id,
  kind: 'DataEndpoint',
  title: id,
  registered: true,
  depth,
  upstreamCount: counts.up ?? 0,
  downstreamCount: counts.down ?? 0,
});

/*
 * Two raw tables feed the root, which feeds a report; the report has two
 * more readers that are not shown yet ("+2 downstream").
 *
 *   raw_a ─┐
 *          ├─> root ──> report (+2)
 *   raw_b ─┘
 */
const nodes = [
  node('raw_a', -1, { down: 1 }),
  node('raw_b', -1, { down: 1 }),
  node('root', 0, { up: 2, down: 1 }),
  node('report', 1, { up: 1, down: 2 }),
];
const edges: LineageEdge[] = [
  { from: 'raw_a', to: 'root', source: 'declared' },
  { from: 'raw_b', to: 'root', source: 'declared' },
  { from: 'root', to: 'report', source: 'declared' },
];

function renderGraph(selected?: string) {
  const onSelect = jest.fn();
  const onExpand = jest.fn();
  const layout = layeredLayout({
    root: 'root',
    nodes,
    edges,
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    columnGap: COLUMN_GAP,
    rowGap: ROW_GAP,
  });
  render(
    <CanvasSurfaceContext.Provider
      value={{
        ...browserCanvasSurface,
        context2d: () => recordingContext().ctx,
        size: () => ({ width: 900, height: 600 }),
        pixelRatio: () => 1,
        observeResize: () => () => {},
      }}
    >
      <button type="button">Before the graph</button>
      <LineageCanvas
        nodes={nodes}
        edges={edges}
        layout={layout}
        root="root"
        selected={selected}
        hidden={hiddenNeighbourCounts(nodes, edges)}
        onSelect={onSelect}
        onExpand={onExpand}
      />
      <button type="button">After the graph</button>
    </CanvasSurfaceContext.Provider>,
  );
  return { onSelect, onExpand };
}

const graphNode = (name: string) =>
  screen.getByRole('button', { name: new RegExp(`^Data endpoint ${name}\\b`) });

describe('the lineage graph with the keyboard', () => {
  it('is one stop in the Tab order, entered on the root', async () => {
    renderGraph();
    await userEvent.click(
      screen.getByRole('button', { name: 'Before the graph' }),
    );

    await userEvent.tab();
    expect(graphNode('root')).toHaveFocus();
    expect(graphNode('root')).toHaveAccessibleDescription(
      /Arrow keys move between nodes/,
    );
    await userEvent.tab();
    expect(
      screen.getByRole('button', { name: 'After the graph' }),
    ).toHaveFocus();
  });

  it('moves between nodes as they are laid out, and Enter selects', async () => {
    const { onSelect } = renderGraph();
    graphNode('root').focus();

    await userEvent.keyboard('{ArrowLeft}');
    const upstream = document.activeElement as HTMLElement;
    expect([graphNode('raw_a'), graphNode('raw_b')]).toContain(upstream);
    const other = upstream === graphNode('raw_a') ? 'raw_b' : 'raw_a';
    await userEvent.keyboard(
      upstream === graphNode('raw_a') ? '{ArrowDown}' : '{ArrowUp}',
    );
    expect(graphNode(other)).toHaveFocus();
    // Nothing further upstream: the focus stays.
    await userEvent.keyboard('{ArrowLeft}');
    expect(graphNode(other)).toHaveFocus();

    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(graphNode('report')).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(graphNode('raw_a')).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(graphNode('report')).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith('report');
  });

  it('comes back to the node last focused, then Tab reaches its +N', async () => {
    const { onExpand } = renderGraph();
    graphNode('root').focus();
    await userEvent.keyboard('{ArrowRight}');
    await userEvent.tab();
    await userEvent.tab({ shift: true });
    await userEvent.tab({ shift: true });
    expect(
      screen.getByRole('button', { name: 'Before the graph' }),
    ).toHaveFocus();

    await userEvent.tab();
    expect(graphNode('report')).toHaveFocus();
    await userEvent.tab();
    const more = screen.getByRole('button', {
      name: '+2 downstream of report',
    });
    expect(more).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onExpand).toHaveBeenCalledWith('report', 'downstream');
    // While the neighbours load, the focus waits on the node.
    expect(graphNode('report')).toHaveFocus();
  });

  it('is entered on the selected node when there is one', async () => {
    renderGraph('raw_b');
    await userEvent.click(
      screen.getByRole('button', { name: 'Before the graph' }),
    );
    await userEvent.tab();
    expect(graphNode('raw_b')).toHaveFocus();
  });
});
