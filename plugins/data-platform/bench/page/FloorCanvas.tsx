import { useEffect, useRef } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomTransform } from 'd3-zoom';
import type { LayoutResult } from '../../src/lineage/layout/types';
import { NODE_HEIGHT, NODE_WIDTH } from '../../src/lineage/graph/visuals';

/**
 * What panning costs with nothing of ours in it: a canvas under d3-zoom
 * that, per frame, clears itself and at most fills every node's box, with
 * no edges, text, culling, overview or accessible list. Frame times of the
 * real canvas are read against it (a floor, measured in the same run).
 */
export function FloorCanvas(props: { layout: LayoutResult; rects: boolean }) {
  const { layout, rects } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d')!;
    const boxes = Object.values(layout.positions);
    let frame: number | undefined;
    const paint = () => {
      frame = undefined;
      const { clientWidth: width, clientHeight: height } = canvas;
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const t = zoomTransform(canvas);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = '#fafafa';
      ctx.fillRect(0, 0, width, height);
      if (rects) {
        ctx.setTransform(t.k, 0, 0, t.k, t.x, t.y);
        ctx.fillStyle = '#1f78b4';
        for (const p of boxes) ctx.fillRect(p.x, p.y, NODE_WIDTH, NODE_HEIGHT);
      }
      canvas.dataset.transform = `${t.x},${t.y},${t.k}`;
    };
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.02, 2.5])
      .on('zoom', () => {
        frame ??= requestAnimationFrame(paint);
      });
    select(canvas).call(behaviour);
    paint();
    return () => {
      select(canvas).on('.zoom', null);
    };
  }, [layout, rects]);
  return (
    <canvas
      ref={ref}
      data-testid="floor-canvas"
      data-nodes={Object.keys(layout.positions).length}
      style={{ display: 'block', width: '100%', height: '100%' }}
    />
  );
}
