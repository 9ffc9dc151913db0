import type { Platform } from '../model/types';

/** Size and shape of a platform's declared lineage graph. */
export interface LineageStats {
  /** Event types, pipelines, data endpoints, and the components producing event types. */
  nodes: number;
  /**
   * Edges along the data flow: component -> event type (producers), event
   * type -> endpoint (its topic and raw table), endpoint -> pipeline
   * (inputs), pipeline -> endpoint (outputs).
   */
  edges: number;
  edgesByKind: {
    produces: number;
    storedIn: number;
    reads: number;
    writes: number;
  };
  /** Pipelines reading each hub dataset, most read first. */
  hubReaders: { name: string; readers: number }[];
  /** Longest chain of pipelines from a topic to a sink. */
  maxPipelineDepth: number;
  /** Pipelines per layer (1 = ingest). */
  pipelinesByLayer: Record<number, number>;
  /** Pipelines per schedule type. */
  pipelinesBySchedule: Record<string, number>;
  /** Share of transform pipelines with 1-5 inputs. */
  typicalFanInShare: number;
  /** Most inputs of any one pipeline. */
  maxFanIn: number;
}

/** Counts nodes and edges the way the lineage index will hold them. */
export function lineageStats(platform: Platform): LineageStats {
  const producing = new Set<number>();
  let produces = 0;
  for (const eventType of platform.eventTypes) {
    produces += eventType.producers.length;
    eventType.producers.forEach(c => producing.add(c));
  }
  const storedIn = platform.endpoints.filter(
    e => e.eventType !== undefined,
  ).length;
  const readers = new Map<number, number>();
  const depth = new Int32Array(platform.pipelines.length);
  const pipelinesByLayer: Record<number, number> = {};
  const pipelinesBySchedule: Record<string, number> = {};
  let reads = 0;
  let writes = 0;
  let typical = 0;
  let maxFanIn = 0;
  // Pipelines are in topological order, so one pass computes depths.
  platform.pipelines.forEach((pipeline, p) => {
    reads += pipeline.inputs.length;
    writes += pipeline.outputs.length;
    maxFanIn = Math.max(maxFanIn, pipeline.inputs.length);
    if (pipeline.layer > 1 && pipeline.inputs.length <= 5) typical++;
    pipelinesByLayer[pipeline.layer] =
      (pipelinesByLayer[pipeline.layer] ?? 0) + 1;
    pipelinesBySchedule[pipeline.schedule] =
      (pipelinesBySchedule[pipeline.schedule] ?? 0) + 1;
    let upstream = 0;
    for (const input of pipeline.inputs) {
      readers.set(input, (readers.get(input) ?? 0) + 1);
      const writer = platform.endpoints[input].writer;
      if (writer >= 0) upstream = Math.max(upstream, depth[writer]);
    }
    depth[p] = upstream + 1;
  });
  const transforms = platform.pipelines.filter(p => p.layer > 1).length;
  return {
    nodes:
      platform.eventTypes.length +
      platform.pipelines.length +
      platform.endpoints.length +
      producing.size,
    edges: produces + storedIn + reads + writes,
    edgesByKind: { produces, storedIn, reads, writes },
    hubReaders: platform.hubs.map(h => ({
      name: platform.endpoints[h].name,
      readers: readers.get(h) ?? 0,
    })),
    maxPipelineDepth: depth.reduce((a, b) => Math.max(a, b), 0),
    pipelinesByLayer,
    pipelinesBySchedule,
    typicalFanInShare: transforms ? typical / transforms : 0,
    maxFanIn,
  };
}
