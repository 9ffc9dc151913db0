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
 * What catalog-graph does to draw a neighbourhood: breadth first from the
 * root, one getEntitiesByRefs call per level, following the entities'
 * relations. Walks upstream and downstream to `depth`, stopping at
 * `maxNodes` like our API. Returns the number of nodes found.
 */
export async function catalogGraphNeighbourhood(
  getEntitiesByRefs: (refs: string[]) => Promise<(Entity | null)[]>,
  root: string,
  depth: number,
  maxNodes: number,
): Promise<number> {
  const seen = new Set<string>([root]);
  for (const types of [DOWNSTREAM, UPSTREAM]) {
    let level = [root];
    for (let hop = 0; hop < depth && level.length > 0; hop++) {
      const entities = await getEntitiesByRefs(level);
      const next: string[] = [];
      for (const entity of entities) {
        if (!entity) continue;
        for (const relation of entity.relations ?? []) {
          if (!types.has(relation.type) || seen.has(relation.targetRef))
            continue;
          if (seen.size >= maxNodes) break;
          seen.add(relation.targetRef);
          next.push(relation.targetRef);
        }
      }
      level = next;
    }
    // catalog-graph fetches the last level too, to render those nodes.
    if (level.length > 0) await getEntitiesByRefs(level);
  }
  return seen.size;
}
