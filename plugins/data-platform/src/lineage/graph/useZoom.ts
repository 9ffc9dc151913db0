import { RefObject, useEffect, useMemo, useRef } from 'react';
import { select } from 'd3-selection';
import { zoom, ZoomBehavior, zoomIdentity, zoomTransform } from 'd3-zoom';

/**
 * Pan and zoom of a canvas, kept by d3-zoom on the element: dragging pans,
 * the wheel zooms, a double click does nothing. `onZoom` hears of every
 * change (to paint the next frame).
 */
export function useZoom(
  canvasRef: RefObject<HTMLCanvasElement>,
  onZoom: () => void,
) {
  const behaviour = useRef<ZoomBehavior<HTMLCanvasElement, unknown>>();

  useEffect(() => {
    const canvas = canvasRef.current!;
    const zooming = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.02, 2.5])
      .on('zoom', () => onZoom());
    behaviour.current = zooming;
    select(canvas).call(zooming).on('dblclick.zoom', null);
    return () => {
      select(canvas).on('.zoom', null);
    };
  }, [canvasRef, onZoom]);

  return useMemo(
    () => ({
      /** The view now: pan and zoom. */
      transform: () =>
        canvasRef.current ? zoomTransform(canvasRef.current) : zoomIdentity,
      /** Moves the view to `x`, `y` at zoom `k`. */
      setTransform(view: { x: number; y: number; k: number }) {
        if (canvasRef.current && behaviour.current) {
          select(canvasRef.current).call(
            behaviour.current.transform,
            zoomIdentity.translate(view.x, view.y).scale(view.k),
          );
        }
      },
      zoomBy(factor: number) {
        if (canvasRef.current && behaviour.current) {
          select(canvasRef.current).call(behaviour.current.scaleBy, factor);
        }
      },
    }),
    [canvasRef],
  );
}

export type CanvasZoom = ReturnType<typeof useZoom>;
