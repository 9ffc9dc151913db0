import { useEffect, useRef } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import type { LineageGraph } from '@dataplatform/backstage-plugin-data-platform-common';
import type { LayoutResult } from '../../src/lineage/layout/types';
import {
  EDGE_STYLE,
  NODE_HEIGHT,
  NODE_WIDTH,
} from '../../src/lineage/graph/visuals';
import { SvgNodeBox } from './SvgNodeBox';

/**
 * The same picture as LineageCanvas, drawn as SVG with d3-zoom rewriting one
 * transform attribute (the usual approach; kept here as a bench candidate).
 */
export function SvgLineage(props: {
  graph: LineageGraph;
  layout: LayoutResult;
  hidden: Map<string, { upstream: number; downstream: number }>;
}) {
  const { graph, layout, hidden } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  useEffect(() => {
    const svg = svgRef.current!;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 2.5])
      .on('zoom', event => {
        viewportRef.current?.setAttribute('transform', event.transform);
        svg.classList.toggle('far', event.transform.k < 0.45);
      });
    const p = layout.positions[graph.root];
    const box = svg.getBoundingClientRect();
    select(svg)
      .call(behaviour)
      .call(
        behaviour.transform,
        zoomIdentity
          .translate(
            box.width / 2 - (p.x + NODE_WIDTH / 2) * 0.8,
            box.height / 2 - (p.y + NODE_HEIGHT / 2) * 0.8,
          )
          .scale(0.8),
      );
  }, [graph, layout]);
  return (
    <svg
      ref={svgRef}
      data-testid="lineage-svg"
      style={{ width: '100%', height: '100%' }}
    >
      <style>{'.far text { display: none }'}</style>
      <g ref={viewportRef}>
        {graph.edges.map(e => {
          const a = layout.positions[e.from];
          const b = layout.positions[e.to];
          const x1 = a.x + NODE_WIDTH;
          const y1 = a.y + NODE_HEIGHT / 2;
          const dx = Math.max(40, (b.x - x1) / 2);
          const d = `M${x1},${y1}C${x1 + dx},${y1} ${b.x - dx},${
            b.y + NODE_HEIGHT / 2
          } ${b.x},${b.y + NODE_HEIGHT / 2}`;
          const style = EDGE_STYLE[e.source];
          return (
            <g key={`${e.from}->${e.to}`} fill="none">
              <path
                d={d}
                stroke={style.colour}
                strokeWidth={style.double ? 4.5 : 1.6}
                strokeDasharray={style.dash}
              />
              {style.double && <path d={d} stroke="#fff" strokeWidth={1.5} />}
            </g>
          );
        })}
        {graph.nodes.map(n => {
          const p = layout.positions[n.id];
          const c = hidden.get(n.id);
          return (
            <SvgNodeBox
              key={n.id}
              node={n}
              x={p.x}
              y={p.y}
              isRoot={n.id === graph.root}
              selected={false}
              onPath={false}
              dimmed={false}
              hiddenUpstream={c?.upstream ?? 0}
              hiddenDownstream={c?.downstream ?? 0}
              truncated={false}
            />
          );
        })}
      </g>
    </svg>
  );
}
