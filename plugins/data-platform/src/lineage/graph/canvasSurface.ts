import { createContext, useContext } from 'react';

/** A canvas's size on screen, in CSS pixels. */
export type CanvasSize = { width: number; height: number };

/**
 * What the lineage canvas asks of the browser: a 2D context to paint with,
 * the canvas's size on screen and the device's pixel ratio, an animation
 * frame to paint in, and word when the canvas is resized.
 * {@link browserCanvasSurface} is the browser's; where there is no 2D canvas
 * (jsdom, in the unit tests) another is provided through
 * {@link CanvasSurfaceContext}.
 */
export interface CanvasSurface {
  context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null;
  size(canvas: HTMLCanvasElement): CanvasSize;
  pixelRatio(): number;
  requestFrame(paint: () => void): number;
  cancelFrame(frame: number): void;
  /** Calls `onResize` when the canvas's size changes, until the returned function is called. */
  observeResize(canvas: HTMLCanvasElement, onResize: () => void): () => void;
}

/** The browser's 2D canvas, animation frames and ResizeObserver. */
export const browserCanvasSurface: CanvasSurface = {
  context2d: canvas => canvas.getContext('2d'),
  size: canvas => ({ width: canvas.clientWidth, height: canvas.clientHeight }),
  pixelRatio: () => window.devicePixelRatio || 1,
  requestFrame: paint => requestAnimationFrame(paint),
  cancelFrame: frame => cancelAnimationFrame(frame),
  observeResize: (canvas, onResize) => {
    const observer = new ResizeObserver(onResize);
    observer.observe(canvas);
    return () => observer.disconnect();
  },
};

/** The surface the lineage canvases below paint on; the browser's unless provided. */
export const CanvasSurfaceContext =
  createContext<CanvasSurface>(browserCanvasSurface);

export const useCanvasSurface = () => useContext(CanvasSurfaceContext);
