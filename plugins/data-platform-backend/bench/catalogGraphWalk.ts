import { Entity } from '@backstage/catalog-model';

// The lineage relations, by the direction they point along data flow.
const DOWNSTREAM = new Set(['writesTo', 'readBy', 'eventTypeOf', 'producerOf']);
const UPSTREAM = new Set([
  'readsFrom',
  'writtenBy',
  'hasEventType',
  'producedBy',
]);

/**
 * What catalog-graph's EntityRelationsGraph does to draw a neighbourhood:
 * breadth first from the root, one getEntitiesByRefs call per level for the
 * entities it has not loaded yet (whole entities, as its entity store asks
 * for them), following their relations. To give the same answer as our API
 * it follows downstream relations from downstream nodes and upstream ones
 * from upstream nodes; both frontiers go into the level's one call. Stops at
 * `maxNodes` like our API. Returns the number of nodes found.
 */
export async function catalogGraphNeighbourhood(
  getEntitiesByRefs: (refs: string[]) => Promise<(Entity | null)[]>,
  root: string,
  depth: number,
  maxNodes: number,
): Promise<number> {
  const seen = new Set<string>([root]);
  const loaded = new Map<string, Entity>();
  const load = async (refs: string[]) => {
    const items = await getEntitiesByRefs(refs);
    items.forEach((entity, i) => entity && loaded.set(refs[i], entity));
  };
  await load([root]);
  let levels: [Set<string>, string[]][] = [
    [DOWNSTREAM, [root]],
    [UPSTREAM, [root]],
  ];
  for (let hop = 0; hop < depth; hop++) {
    const next: [Set<string>, string[]][] = [];
    for (const [types, level] of levels) {
      const found: string[] = [];
      for (const ref of level) {
        for (const relation of loaded.get(ref)?.relations ?? []) {
          if (!types.has(relation.type) || seen.has(relation.targetRef))
            continue;
          if (seen.size >= maxNodes) break;
          seen.add(relation.targetRef);
          found.push(relation.targetRef);
        }
      }
      next.push([types, found]);
    }
    const refs = next.flatMap(([, found]) => found);
    if (refs.length === 0) break;
    // catalog-graph loads the last level too, to render those nodes.
    await load(refs);
    levels = next;
  }
  return seen.size;
}
