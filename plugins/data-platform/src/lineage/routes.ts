import { createRouteRef, useRouteRef } from '@backstage/frontend-plugin-api';
import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';

/** Route of the full-page lineage explorer; its query is a {@link LineageView}. */
export const lineageExplorerRouteRef = createRouteRef();

/**
 * Where the Lineage tab sits under an entity's page. Its query can open the
 * Columns view at a column: `?view=columns&column=<name>`.
 */
export const LINEAGE_TAB_PATH = '/lineage';

/** The Lineage tab's Columns view of an entity at one column. */
export const columnsViewLink = (entityPage: string, column: string) =>
  `${entityPage.replace(/\/$/, '')}${LINEAGE_TAB_PATH}?${new URLSearchParams({
    view: 'columns',
    column,
  })}`;

/** The hops the explorer offers to show at once. */
export const LINEAGE_HOPS = [1, 2, 3, 4, 6];

/**
 * What the explorer page shows, as its query says it: the start, the hops
 * and the direction walked, and a node upstream whose path to the start is
 * highlighted (as the health pages link a root cause).
 */
export type LineageView = {
  node: string;
  depth?: number;
  direction?: LineageDirection;
  pathFrom?: string;
};

/**
 * A function from a view to the explorer page's URL showing it; undefined
 * when the app has no lineage explorer page.
 */
export function useLineageViewLink():
  | ((view: LineageView) => string)
  | undefined {
  const explorer = useRouteRef(lineageExplorerRouteRef);
  if (!explorer) return undefined;
  return view => {
    const query = new URLSearchParams({ node: view.node });
    if (view.direction) query.set('direction', view.direction);
    if (view.depth !== undefined) query.set('depth', String(view.depth));
    if (view.pathFrom) query.set('pathFrom', view.pathFrom);
    return `${explorer()}?${query}`;
  };
}
