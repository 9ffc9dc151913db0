import type {
  LineageEdge,
  LineageEdgeSource,
  LineageGraph,
  LineageNode,
  LineageNodeKind,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * A synthetic lineage neighbourhood shaped like the API's answer for
 * `direction=both`: endpoints and pipelines alternate by depth, most nodes have
 * one to three parents (diamonds), a few hub endpoints feed dozens of
 * pipelines, some nodes are only known from OpenLineage, and the per-node
 * index counts exceed what the response holds (the "+N" on collapsed nodes).
 */
export function syntheticLineageGraph(
  nodeCount: number,
  seed = 42,
): LineageGraph {
  const random = mulberry32(seed);
  const maxDepth = nodeCount <= 200 ? 3 : 4;
  const depths: number[] = [];
  for (let d = -maxDepth; d <= maxDepth; d++) depths.push(d);

  // Layers grow away from the root; downstream is wider than upstream.
  const weights = depths.map(d =>
    d === 0 ? 0 : Math.pow(d > 0 ? 2.2 : 1.8, Math.abs(d)),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map(w =>
    Math.max(1, Math.round(((nodeCount - 1) * w) / total)),
  );
  sizes[maxDepth] = 1;
  let excess = sizes.reduce((a, b) => a + b, 0) - nodeCount;
  for (let i = sizes.length - 1; excess !== 0; i = (i + 1) % sizes.length) {
    if (i === maxDepth) continue;
    const step = excess > 0 ? -1 : 1;
    if (sizes[i] + step >= 1) {
      sizes[i] += step;
      excess += step;
    }
  }

  const layers: LineageNode[][] = depths.map((depth, i) =>
    Array.from({ length: sizes[i] }, (_, j) => makeNode(depth, j, random)),
  );
  const edges: LineageEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (from: LineageNode, to: LineageNode) => {
    const key = `${from.id}->${to.id}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from: from.id, to: to.id, source: edgeSource(random) });
  };

  // Hubs: ~2% of each layer attracts a large share of links (Zipf-like).
  const pick = (layer: LineageNode[]) => {
    const r = random();
    const hubs = Math.max(1, Math.ceil(layer.length * 0.02));
    if (r < 0.35) return layer[Math.floor(random() * hubs)];
    return layer[Math.floor(random() * layer.length)];
  };

  for (let i = 0; i < depths.length - 1; i++) {
    const near = depths[i] < 0 ? layers[i + 1] : layers[i];
    const far = depths[i] < 0 ? layers[i] : layers[i + 1];
    // Every node further from the root hangs off at least one nearer node,
    // so the walk from the root reaches it at exactly its depth.
    for (const node of far) {
      const parents = 1 + (random() < 0.3 ? 1 : 0) + (random() < 0.1 ? 1 : 0);
      for (let p = 0; p < parents; p++) {
        const other = pick(near);
        if (depths[i] < 0) addEdge(node, other);
        else addEdge(other, node);
      }
    }
  }

  const nodes = layers.flat();
  const inCount = new Map<string, number>();
  const outCount = new Map<string, number>();
  for (const e of edges) {
    outCount.set(e.from, (outCount.get(e.from) ?? 0) + 1);
    inCount.set(e.to, (inCount.get(e.to) ?? 0) + 1);
  }
  for (const n of nodes) {
    // The index knows more than this neighbourhood: beyond the outermost
    // layer every node has further lineage.
    const outer = Math.abs(n.depth) === maxDepth;
    n.upstreamCount =
      (inCount.get(n.id) ?? 0) +
      (outer && n.depth < 0 ? 1 + Math.floor(random() * 4) : 0);
    n.downstreamCount =
      (outCount.get(n.id) ?? 0) +
      (outer && n.depth > 0 ? 1 + Math.floor(random() * 6) : 0);
  }
  return { root: layers[maxDepth][0].id, nodes, edges };
}

const WORDS = [
  'plays',
  'streams',
  'sessions',
  'ads',
  'search',
  'playlist',
  'artist',
  'payments',
  'devices',
  'podcast',
  'follows',
  'skips',
];

function makeNode(
  depth: number,
  index: number,
  random: () => number,
): LineageNode {
  const isPipeline = Math.abs(depth) % 2 === 1;
  const registered = random() > 0.05;
  let kind: LineageNodeKind;
  if (isPipeline) kind = registered ? 'Pipeline' : 'Job';
  else if (!registered) kind = 'Dataset';
  else if (depth <= -4 && random() < 0.5) kind = 'EventType';
  else kind = 'DataEndpoint';
  const word = WORDS[Math.floor(random() * WORDS.length)];
  const name = `${word}-${isPipeline ? 'job' : 'table'}-${depthLabel(
    depth,
  )}-${index}`;
  const id = registered
    ? `${kind.toLocaleLowerCase('en-US')}:default/${name}`
    : `openlineage:${isPipeline ? 'job' : 'dataset'}:bigquery/${name}`;
  return {
    id,
    kind,
    title: name,
    registered,
    owner: registered ? `group:default/team-${index % 17}` : undefined,
    depth,
    upstreamCount: 0,
    downstreamCount: 0,
  };
}

function depthLabel(depth: number) {
  if (depth === 0) return 'root';
  return depth < 0 ? `u${-depth}` : `d${depth}`;
}

function edgeSource(random: () => number): LineageEdgeSource {
  const r = random();
  if (r < 0.5) return 'both';
  return r < 0.8 ? 'declared' : 'observed';
}

/** Small, fast, seedable PRNG so every run lays out the same graphs. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
