import { createContext, useContext } from 'react';
import { createRouteRef, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { LineageDirection } from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * The plugin's pages and entity tabs, and the links into them. Lineage and
 * pipeline health link to each other through these alone, so neither
 * imports the other's components to make a link.
 */

/** Route of the full-page lineage explorer; its query is a {@link LineageView}. */
export const lineageExplorerRouteRef = createRouteRef();

/** Route of the on-call page. */
export const pipelineHealthRouteRef = createRouteRef();

/**
 * Where the Lineage tab sits under an entity's page unless the app mounts it
 * elsewhere. Its query can open the Columns view at a column:
 * `?view=columns&column=<name>`.
 */
export const LINEAGE_TAB_PATH = '/lineage';

/** The path of a pipeline's Health tab (`entity-content:data-platform/pipeline-health`). */
export const HEALTH_TAB_PATH = 'health';

/**
 * The path of a DataEndpoint's Quality tab; health's bad-data alerts and
 * notifications link there.
 */
export const QUALITY_TAB_PATH = 'quality';

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

/** A function from a pipeline ref to its Health tab's URL. */
export function usePipelineHealthLink(): (pipelineRef: string) => string {
  const entityLink = useEntityRefLink();
  return pipelineRef =>
    `${entityLink(pipelineRef).replace(/\/+$/, '')}/${HEALTH_TAB_PATH}`;
}

/** A function from a DataEndpoint ref to its Quality tab's URL. */
export function useEndpointQualityLink(): (endpointRef: string) => string {
  const entityLink = useEntityRefLink();
  return endpointRef =>
    `${entityLink(endpointRef).replace(/\/+$/, '')}/${QUALITY_TAB_PATH}`;
}
