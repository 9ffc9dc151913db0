import type { LayoutResult } from '../../../src/lineage/layout/types';
import type { Paint2D, View } from './paintScene';
import type { Scene } from './scene';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  PROBLEM_STYLE,
  nodeColour,
} from '../../../src/lineage/graph/visuals';

/** The overview's size on screen, in CSS pixels, at most. */
export const MINIMAP_SIZE = { width: 200, height: 120 };
const PADDING = 6;

export type MinimapColours = {
  paper: string;
  divider: string;
  selection: string;
};

/**
 * How the whole layout maps into the overview (mini = graph * k + (x, y)),
 * and the overview's size: the layout's shape, within MINIMAP_SIZE.
 */
export type MinimapFit = {
  k: number;
  x: number;
  y: number;
  width: number;
  height: number;
};

export function minimapFit(
  layout: Pick<LayoutResult, 'width' | 'height'>,
  size = MINIMAP_SIZE,
): MinimapFit {
  const layoutWidth = Math.max(layout.width, 1);
  const layoutHeight = Math.max(layout.height, 1);
  const k = Math.min(
    (size.width - 2 * PADDING) / layoutWidth,
    (size.height - 2 * PADDING) / layoutHeight,
  );
  return {
    k,
    x: PADDING,
    y: PADDING,
    width: Math.round(layoutWidth * k + 2 * PADDING),
    height: Math.round(layoutHeight * k + 2 * PADDING),
  };
}

/** The part of the graph the main view shows, as a box in the overview. */
export function viewportInMinimap(
  view: Pick<View, 'k' | 'x' | 'y' | 'width' | 'height'>,
  fit: MinimapFit,
): { x: number; y: number; width: number; height: number } {
  return {
    x: (-view.x / view.k) * fit.k + fit.x,
    y: (-view.y / view.k) * fit.k + fit.y,
    width: (view.width / view.k) * fit.k,
    height: (view.height / view.k) * fit.k,
  };
}

/**
 * The main view's translation that centres, at its zoom `k`, the graph point
 * under a point of the overview (a click or a drag there).
 */
export function centreOnMinimapPoint(
  point: { x: number; y: number },
  fit: MinimapFit,
  view: Pick<View, 'k' | 'width' | 'height'>,
): { x: number; y: number; k: number } {
  const gx = (point.x - fit.x) / fit.k;
  const gy = (point.y - fit.y) / fit.k;
  return {
    x: view.width / 2 - gx * view.k,
    y: view.height / 2 - gy * view.k,
    k: view.k,
  };
}

/**
 * Draws the overview's nodes, each a dot of its kind's colour (late and
 * failed pipelines in theirs), on its background: once per graph, into a
 * layer that each frame copies (see paintMinimap).
 */
export function paintMinimapNodes(
  ctx: Paint2D,
  scene: Scene,
  fit: MinimapFit,
  pixelRatio: number,
  paper: string,
): void {
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.fillStyle = paper;
  ctx.fillRect(0, 0, fit.width, fit.height);
  // At least a pixel each way, so that a node never vanishes.
  const w = Math.max(1, NODE_WIDTH * fit.k);
  const h = Math.max(1, NODE_HEIGHT * fit.k);
  for (const n of scene.nodes) {
    ctx.fillStyle = n.problem
      ? PROBLEM_STYLE[n.problem].colour
      : nodeColour(n.node);
    ctx.fillRect(n.x * fit.k + fit.x, n.y * fit.k + fit.y, w, h);
  }
}

/**
 * Draws the overview for a frame: the nodes' layer, and the box of what the
 * main view shows on top. Its cost does not grow with the graph.
 */
export function paintMinimap(
  ctx: Paint2D & Pick<CanvasRenderingContext2D, 'drawImage'>,
  nodes: CanvasImageSource,
  fit: MinimapFit,
  view: View,
  colours: Pick<MinimapColours, 'divider' | 'selection'>,
): void {
  const { width, height } = fit;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.drawImage(nodes, 0, 0);
  ctx.setTransform(view.pixelRatio, 0, 0, view.pixelRatio, 0, 0);
  const box = viewportInMinimap(view, fit);
  ctx.fillStyle = colours.selection;
  ctx.globalAlpha = 0.12;
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colours.selection;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.stroke();
  ctx.strokeStyle = colours.divider;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.rect(0.5, 0.5, width - 1, height - 1);
  ctx.stroke();
}

/**
 * Paints the overview into its canvas frame after frame, keeping the nodes'
 * layer until the graph, the fit, the pixel ratio or the background change.
 */
export class MinimapPainter {
  constructor(
    private readonly context2d: (
      canvas: HTMLCanvasElement,
    ) => CanvasRenderingContext2D | null,
  ) {}

  private layer?: {
    scene: Scene;
    fit: MinimapFit;
    pixelRatio: number;
    paper: string;
    nodes: HTMLCanvasElement;
  };

  paint(
    canvas: HTMLCanvasElement,
    scene: Scene,
    fit: MinimapFit,
    view: View,
    colours: MinimapColours,
  ): void {
    const ctx = this.context2d(canvas);
    if (!ctx) return;
    const { pixelRatio } = view;
    const width = Math.round(fit.width * pixelRatio);
    const height = Math.round(fit.height * pixelRatio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${fit.width}px`;
      canvas.style.height = `${fit.height}px`;
    }
    let layer = this.layer;
    if (
      !layer ||
      layer.scene !== scene ||
      layer.fit !== fit ||
      layer.pixelRatio !== pixelRatio ||
      layer.paper !== colours.paper
    ) {
      const nodes = document.createElement('canvas');
      nodes.width = width;
      nodes.height = height;
      const nodesCtx = this.context2d(nodes);
      if (nodesCtx) {
        paintMinimapNodes(nodesCtx, scene, fit, pixelRatio, colours.paper);
      }
      layer = { scene, fit, pixelRatio, paper: colours.paper, nodes };
      this.layer = layer;
    }
    paintMinimap(ctx, layer.nodes, fit, view, colours);
  }
}
