import { render } from '@testing-library/react';
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
import { LISTED_NODES } from './LineageNodeList';
import { COLUMN_GAP, NODE_HEIGHT, NODE_WIDTH, ROW_GAP } from './visuals';

const node = (id: string, depth: number): LineageNode => ({
  id,
  kind: 'DataEndpoint',
  title: id,
  registered: true,
  depth,
  upstreamCount: 0,
  downstreamCount: 0,
});

/*
 * A hub table read by 600 reports: more nodes than the list holds buttons
 * for. In reading order the root comes first, then the reports top to
 * bottom.
 */
const READERS = 600;
const nodes = [
  node('hub', 0),
  ...Array.from({ length: READERS }, (_, i) =>
    node(`report-${String(i).padStart(4, '0')}`, 1),
  ),
];
const edges: LineageEdge[] = nodes
  .slice(1)
  .map(n => ({ from: 'hub', to: n.id, source: 'declared' }));

function renderGraph() {
  const layout = layeredLayout({
    root: 'hub',
    nodes,
    edges,
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    columnGap: COLUMN_GAP,
    rowGap: ROW_GAP,
  });
  const onSelect = jest.fn();
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
      <LineageCanvas
        nodes={nodes}
        edges={edges}
        layout={layout}
        root="hub"
        hidden={hiddenNeighbourCounts(nodes, edges)}
        onSelect={onSelect}
        onExpand={() => {}}
      />
    </CanvasSurfaceContext.Provider>,
  );
  return { onSelect };
}

// By id rather than by role and name: there are hundreds of buttons.
const graphNode = (id: string) =>
  document.querySelector<HTMLElement>(`button[data-node-id="${id}"]`);
const focusedNode = () =>
  (document.activeElement as HTMLElement).dataset.nodeId;
const focusedItem = () =>
  (document.activeElement as HTMLElement).closest('li')!;

describe('the lineage graph list of a large neighbourhood', () => {
  it('lists a window of the nodes, each saying its place in all of them', () => {
    renderGraph();
    const list = document.querySelector('ul')!;
    expect(list).toHaveAccessibleName(
      `Lineage graph nodes, data flows left to right; ${LISTED_NODES} of 601 listed, around the focused node`,
    );
    const items = list.querySelectorAll(':scope > li');
    expect(items).toHaveLength(LISTED_NODES);
    expect(items[0]).toHaveAttribute('aria-setsize', '601');
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
    expect(graphNode('hub')).toHaveAttribute('tabindex', '0');
  });

  it('reaches nodes beyond the window with the keys, and selects them', async () => {
    const { onSelect } = renderGraph();
    graphNode('hub')!.focus();

    await userEvent.keyboard('{End}');
    expect(focusedNode()).toBe('report-0599');
    expect(graphNode('report-0599')).toHaveAccessibleName(
      /^Data endpoint report-0599\b/,
    );
    expect(focusedItem()).toHaveAttribute('aria-posinset', '601');
    expect(graphNode('hub')).toBeNull();
    await userEvent.keyboard('{ArrowUp}');
    expect(focusedItem()).toHaveAttribute('aria-posinset', '600');
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith('report-0598');

    await userEvent.keyboard('{Home}');
    expect(focusedNode()).toBe('hub');
    expect(graphNode('report-0599')).toBeNull();
  });
});
