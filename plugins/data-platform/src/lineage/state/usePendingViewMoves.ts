import { RefObject, useCallback, useEffect, useRef } from 'react';
import type { LineageCanvasHandle } from '../graph/LineageCanvas';
import type { LaidOutLineage } from './useLayout';

/**
 * Moves of the canvas's view asked for before the graph they concern is
 * laid out: focus a node picked in search, frame a path found, show the
 * overview of a graph asked for from the downstream impact. Each runs once,
 * on the first layout that has what it needs.
 */
export function usePendingViewMoves(
  canvas: RefObject<LineageCanvasHandle>,
  layout: LaidOutLineage | undefined,
) {
  const focus = useRef<string>();
  const frame = useRef<string[]>();
  const overviewOf = useRef<string>();
  const current = useRef(layout);
  current.current = layout;

  useEffect(() => {
    if (!layout) return;
    const laidOut = (id: string) => !!layout.result.positions[id];
    if (focus.current && laidOut(focus.current)) {
      canvas.current?.focusNode(focus.current);
      focus.current = undefined;
    }
    if (layout.of.root === overviewOf.current) {
      canvas.current?.overview();
      overviewOf.current = undefined;
    }
    if (frame.current?.every(laidOut)) {
      canvas.current?.frameNodes(frame.current);
      frame.current = undefined;
    }
  }, [canvas, layout]);

  return {
    /** Centres a node once it is laid out (after a new start). */
    focusWhenLaidOut: useCallback((id: string) => {
      focus.current = id;
    }, []),
    /** Shows these nodes (a path) now if they are laid out, else once they are. */
    frameWhenLaidOut: useCallback(
      (ids: string[]) => {
        if (ids.every(id => current.current?.result.positions[id])) {
          canvas.current?.frameNodes(ids);
        } else {
          frame.current = ids;
        }
      },
      [canvas],
    ),
    /** Forgets a path waiting to be framed (the start changed). */
    forgetFrame: useCallback(() => {
      frame.current = undefined;
    }, []),
    /**
     * Shows as much as can be read of the next graph laid out around
     * `root`: the one a request just made answers.
     */
    overviewWhenLaidOut: useCallback((root: string) => {
      overviewOf.current = root;
    }, []),
  };
}
