import { useCallback, useEffect, useRef, useState } from 'react';
import { zoomTransform } from 'd3-zoom';
import { useCanvasSurface } from '../../../src/lineage/graph/canvasSurface';
import { MinimapColours, MinimapFit, MinimapPainter } from './minimap';
import { inViewNote, paintScene, PaintState } from './paintScene';
import type { Scene } from './scene';

/** What a frame paints: the scene as the view shows it, and its overview. */
export type CanvasPicture = {
  scene: Scene;
  paintState: PaintState;
  overviewFit: MinimapFit;
  minimapColours: MinimapColours;
};

/**
 * Paints the graph at most once per animation frame, when asked: the scene
 * at the view d3-zoom keeps on the canvas, the note of how many nodes are
 * in view, and the overview while part of the graph is out of view. Every
 * render asks, as does a resize; a frame paints the latest picture. The
 * note and the overview change as the view pans, so they are written here
 * rather than through React state. Returns the elements it paints, and
 * the function that asks for a frame.
 */
export function useCanvasPainter(picture: CanvasPicture) {
  const surface = useCanvasSurface();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const inViewRef = useRef<HTMLDivElement>(null);
  const minimapRef = useRef<HTMLCanvasElement>(null);
  const [minimapPainter] = useState(
    () => new MinimapPainter(surface.context2d),
  );
  const latest = useRef(picture);
  latest.current = picture;
  const frame = useRef<number>();

  const paint = useCallback(() => {
    frame.current = undefined;
    const canvas = canvasRef.current;
    const ctx = canvas && surface.context2d(canvas);
    if (!canvas || !ctx) return;
    const pixelRatio = surface.pixelRatio();
    const { width, height } = surface.size(canvas);
    if (canvas.width !== Math.round(width * pixelRatio)) {
      canvas.width = Math.round(width * pixelRatio);
    }
    if (canvas.height !== Math.round(height * pixelRatio)) {
      canvas.height = Math.round(height * pixelRatio);
    }
    const t = zoomTransform(canvas);
    const view = { k: t.k, x: t.x, y: t.y, width, height, pixelRatio };
    const { scene, paintState, overviewFit, minimapColours } = latest.current;
    const drawn = paintScene(ctx, scene, view, paintState);
    canvas.dataset.drawnNodes = String(drawn.nodes);
    const partial = drawn.nodes < scene.nodes.length;
    const inView = inViewRef.current;
    const text = inViewNote(drawn.nodes, scene.nodes.length, t.k);
    if (inView && inView.textContent !== text) inView.textContent = text;
    const minimap = minimapRef.current;
    if (minimap) {
      minimap.style.display = partial ? 'block' : 'none';
      if (partial) {
        minimapPainter.paint(minimap, scene, overviewFit, view, minimapColours);
      }
    }
    canvas.dataset.transform = `${t.x.toFixed(1)},${t.y.toFixed(
      1,
    )},${t.k.toFixed(3)}`;
  }, [surface, minimapPainter]);

  const requestPaint = useCallback(() => {
    if (frame.current === undefined) {
      frame.current = surface.requestFrame(paint);
    }
  }, [surface, paint]);

  useEffect(() => {
    const stopObserving = surface.observeResize(
      canvasRef.current!,
      requestPaint,
    );
    // The frame counter itself, not a DOM node: a frame still asked for is
    // cancelled with the canvas.
    const frameRef = frame;
    return () => {
      stopObserving();
      if (frameRef.current !== undefined) surface.cancelFrame(frameRef.current);
    };
  }, [surface, requestPaint]);

  // Anything that changes the picture: paint on the next frame.
  useEffect(requestPaint);

  return { canvasRef, inViewRef, minimapRef, requestPaint };
}
