import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The catalog ref of a lineage node that is a data endpoint; undefined for
 * other kinds and for nodes seen only in OpenLineage (`openlineage:...`).
 */
export function endpointRefOf(node: string | undefined): string | undefined {
  if (!node || node.startsWith('openlineage:')) return undefined;
  try {
    return parseEntityRef(node).kind.toLocaleLowerCase('en-US') ===
      'dataendpoint'
      ? node
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lineage node is a catalog entity, with a page to link to. */
export function isCatalogNode(node: string): boolean {
  if (node.startsWith('openlineage:')) return false;
  try {
    parseEntityRef(node);
    return true;
  } catch {
    return false;
  }
}
