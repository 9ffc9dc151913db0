/**
 * Items in an order where each comes after those it depends on (that are
 * among them), otherwise in their given order: how resources are created
 * and applied, a dataset before its table, a topic before its delivery.
 */
export function dependencyOrder<T>(
  items: T[],
  idOf: (item: T) => string,
  dependenciesOf: (item: T) => string[],
): T[] {
  const byId = new Map(items.map(i => [idOf(i), i]));
  const ordered: T[] = [];
  const visited = new Set<string>();
  const visit = (item: T) => {
    const id = idOf(item);
    if (visited.has(id)) return;
    visited.add(id);
    for (const dependency of dependenciesOf(item)) {
      const found = byId.get(dependency);
      if (found) visit(found);
    }
    ordered.push(item);
  };
  items.forEach(visit);
  return ordered;
}
