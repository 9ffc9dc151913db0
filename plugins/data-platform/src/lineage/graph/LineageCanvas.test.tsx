import { render, screen, waitFor } from '@testing-library/react';
import type {
  LineageEdge,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { layeredLayout } from '../layout/layeredLayout';
import { hiddenNeighbourCounts } from '../state/hiddenCounts';
import { recordingContext } from '../__testUtils__/recordingContext';
import {
  browserCanvasSurface,
  CanvasSize,
  CanvasSurface,
  CanvasSurfaceContext,
} from './canvasSurface';
import { LineageCanvas } from './LineageCanvas';
import { COLUMN_GAP, NODE_HEIGHT, NODE_WIDTH, ROW_GAP } from './visuals';

/** A surface of a given size whose 2D contexts record what is painted. */
function recordingSurface(initial: CanvasSize) {
  const painted = recordingContext();
  let size = initial;
  let onResize = () => {};
  const surface: CanvasSurface = {
    ...browserCanvasSurface,
    context2d: canvas =>
      canvas.dataset.testid === 'lineage-canvas'
        ? painted.ctx
        : recordingContext().ctx,
    size: () => size,
    pixelRatio: () => 2,
    observeResize: (_, callback) => {
      onResize = callback;
      return () => {};
    },
  };
  const resize = (next: CanvasSize) => {
    size = next;
    onResize();
  };
  return { surface, painted, resize };
}

const node = (id: string, depth: number): LineageNode => ({
  id,
  kind: 'DataEndpoint',
  title: `Title of ${id}`,
  registered: true,
  depth,
  upstreamCount: depth > 0 ? 1 : 0,
  downstreamCount: 0,
});

/** A start feeding `count` datasets: one column of them, one hop away. */
function fan(count: number) {
  const nodes = [
    node('root', 0),
    ...Array.from({ length: count }, (_, i) => node(`n${i}`, 1)),
  ];
  const edges: LineageEdge[] = nodes
    .slice(1)
    .map(n => ({ from: 'root', to: n.id, source: 'declared' }));
  const layout = layeredLayout({
    root: 'root',
    nodes,
    edges,
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    columnGap: COLUMN_GAP,
    rowGap: ROW_GAP,
  });
  return { nodes, edges, layout };
}

function renderCanvas(surface: CanvasSurface, count: number) {
  const { nodes, edges, layout } = fan(count);
  render(
    <CanvasSurfaceContext.Provider value={surface}>
      <LineageCanvas
        nodes={nodes}
        edges={edges}
        layout={layout}
        root="root"
        hidden={hiddenNeighbourCounts(nodes, edges)}
        onSelect={() => {}}
        onExpand={() => {}}
      />
    </CanvasSurfaceContext.Provider>,
  );
  return nodes;
}

const drawnNodes = () =>
  Number(screen.getByTestId('lineage-canvas').dataset.drawnNodes);

describe('LineageCanvas', () => {
  it('paints the graph on the surface, sized for its pixel ratio', async () => {
    const { surface, painted } = recordingSurface({ width: 900, height: 600 });
    renderCanvas(surface, 2);

    await waitFor(() => expect(drawnNodes()).toBe(3));
    const canvas = screen.getByTestId('lineage-canvas') as HTMLCanvasElement;
    expect([canvas.width, canvas.height]).toEqual([1800, 1200]);
    expect(painted.texts.map(t => t.text)).toEqual(
      expect.arrayContaining(['Title of root', 'Title of n0', 'Title of n1']),
    );
    // All of it is in view: no overview, no note.
    expect(screen.getByTestId('lineage-minimap').style.display).toBe('none');
  });

  it('shows the overview and how many nodes are in view when only some are', async () => {
    const { surface } = recordingSurface({ width: 600, height: 240 });
    const nodes = renderCanvas(surface, 40);

    await waitFor(() => expect(drawnNodes()).toBeGreaterThan(0));
    expect(drawnNodes()).toBeLessThan(nodes.length);
    expect(screen.getByTestId('lineage-minimap').style.display).toBe('block');
    expect(
      screen.getByText(new RegExp(`of ${nodes.length} nodes in view`)),
    ).toBeInTheDocument();
  });

  it('paints again when the canvas is resized', async () => {
    const { surface, resize } = recordingSurface({ width: 600, height: 240 });
    const nodes = renderCanvas(surface, 40);
    await waitFor(() => expect(drawnNodes()).toBeLessThan(nodes.length));
    const before = drawnNodes();

    resize({ width: 600, height: 4000 });

    await waitFor(() => expect(drawnNodes()).toBeGreaterThan(before));
  });
});
