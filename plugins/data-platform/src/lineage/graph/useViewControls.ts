import { RefObject, useEffect, useMemo, useRef } from 'react';
import type { LayoutResult } from '../layout/types';
import { useCanvasSurface } from './canvasSurface';
import {
  frameNodes,
  legibleView,
  LEGIBLE_ZOOM,
  panToReveal,
  wholeView,
} from './revealNodes';
import type { CanvasZoom } from './useZoom';
import { NODE_HEIGHT, NODE_WIDTH } from './visuals';

/** What the explorer can ask of the canvas's view. */
export type LineageCanvasHandle = {
  /** Centres a node at a readable zoom. */
  focusNode(id: string): void;
  /** Shows the whole graph. */
  fitAll(): void;
  /**
   * Shows the whole graph if its titles stay legible so; else as much of it
   * as they allow, from the root.
   */
  overview(): void;
  /**
   * Shows these nodes (a path, in order) at a zoom where their titles can
   * be read; as many as fit so, from the root's end of the path.
   */
  frameNodes(ids: Iterable<string>): void;
  zoomBy(factor: number): void;
};

/**
 * The moves of the view over `layout`: those the explorer asks for through
 * the {@link LineageCanvasHandle}, and the one a new layout makes. That one
 * keeps `anchor` where it was on screen, panning just enough to show the
 * neighbours it brought; without an anchor it shows a first view, whole if
 * legible, else from the root.
 */
export function useViewControls(options: {
  canvasRef: RefObject<HTMLCanvasElement>;
  zoom: CanvasZoom;
  layout: LayoutResult;
  root: string;
  anchor?: string;
}): LineageCanvasHandle {
  const { canvasRef, zoom, layout, root } = options;
  const surface = useCanvasSurface();
  // Before the canvas is laid out (a hidden tab), a common size.
  const size = useMemo(
    () => () => {
      const measured = canvasRef.current
        ? surface.size(canvasRef.current)
        : { width: 0, height: 0 };
      return {
        width: measured.width || 800,
        height: measured.height || 600,
      };
    },
    [canvasRef, surface],
  );

  const { handle, showFromRoot } = useMemo(() => {
    const show = (view?: { x: number; y: number; k: number }) => {
      if (view) zoom.setTransform(view);
    };
    const legibly = (k: number) => show(legibleView(layout, root, size(), k));
    const methods: LineageCanvasHandle = {
      focusNode(id) {
        const p = layout.positions[id];
        if (!p) return;
        const { width, height } = size();
        const k = Math.max(zoom.transform().k, 0.8);
        zoom.setTransform({
          x: width / 2 - (p.x + NODE_WIDTH / 2) * k,
          y: height / 2 - (p.y + NODE_HEIGHT / 2) * k,
          k,
        });
      },
      fitAll: () => show(wholeView(layout, size())),
      overview: () => legibly(LEGIBLE_ZOOM),
      frameNodes: ids => show(frameNodes(layout, ids, size(), root)),
      zoomBy: zoom.zoomBy,
    };
    return { handle: methods, showFromRoot: legibly };
  }, [layout, root, size, zoom]);

  const previousLayout = useRef<LayoutResult>();
  useEffect(() => {
    const before = previousLayout.current;
    previousLayout.current = layout;
    const anchor = options.anchor;
    const from = anchor ? before?.positions[anchor] : undefined;
    const to = anchor ? layout.positions[anchor] : undefined;
    if (anchor && before && from && to) {
      const kept = zoom.transform().translate(from.x - to.x, from.y - to.y);
      const { dx, dy } = panToReveal(kept, size(), before, layout, anchor);
      zoom.setTransform({ x: kept.x + dx, y: kept.y + dy, k: kept.k });
      return;
    }
    showFromRoot(Math.max(zoom.transform().k, 0.8));
    // Only a new layout moves the view; the anchor is read, not watched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  return handle;
}
