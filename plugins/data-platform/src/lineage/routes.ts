import { createContext, useContext } from 'react';
import { createRouteRef, useRouteRef } from '@backstage/frontend-plugin-api';
import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';

/** Route of the full-page lineage explorer; its query is a {@link LineageView}. */
export const lineageExplorerRouteRef = createRouteRef();

/**
 * Where the Lineage tab sits under an entity's page unless the app mounts it
 * elsewhere. Its query can open the Columns view at a column:
 * `?view=columns&column=<name>`.
 */
export const LINEAGE_TAB_PATH = '/lineage';

/**
 * The Lineage tab's path under entity pages, as the tab in view read it off
 * its own URL; {@link LINEAGE_TAB_PATH} elsewhere (the explorer page).
 */
export const LineageTabPathContext = createContext(LINEAGE_TAB_PATH);

/**
 * The path of the tab at `pathname` under the entity page `entityPage`
 * (`/catalog/default/dataendpoint/plays/data-lineage` -> `/data-lineage`),
 * or {@link LINEAGE_TAB_PATH} when the pathname is not under that page.
 */
export function tabPathIn(pathname: string, entityPage: string): string {
  const page = entityPage.replace(/\/$/, '');
  const at = pathname.indexOf(`${page}/`);
  const tab = at < 0 ? '' : pathname.slice(at + page.length).replace(/\/$/, '');
  return tab || LINEAGE_TAB_PATH;
}

/** A function from an entity page and a column to that Columns view's URL. */
export function useColumnsViewLink(): (
  entityPage: string,
  column: string,
) => string {
  const tabPath = useContext(LineageTabPathContext);
  return (entityPage, column) =>
    `${entityPage.replace(/\/$/, '')}${tabPath}?${new URLSearchParams({
      view: 'columns',
      column,
    })}`;
}

/**
 * The hops the explorer offers to show at once. The last is as far as the
 * downstream impact counts, so that all it counted can be shown.
 */
export const LINEAGE_HOPS = [1, 2, 3, 4, 6, 10];

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
