import { ReactElement } from 'react';
import { useLocation } from 'react-router-dom';
import { screen } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type { ApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { dataPlatformApiRef } from '../../api/DataPlatformApi';
import { DataPlatformClient } from '../../api/DataPlatformClient';
import { pipelineHealthApiRef } from '../../api/healthApi';
import { PipelineHealthClient } from '../../api/healthClient';
import {
  browserCanvasSurface,
  CanvasSurface,
  CanvasSurfaceContext,
} from '../graph/canvasSurface';
import { BASE_URL } from './lineageBackend';

/**
 * jsdom has no 2D canvas and no ResizeObserver: the lineage canvas paints
 * nothing here (the browser tests see it paint), while its view still pans
 * and zooms and its nodes are still buttons to click.
 */
const jsdomCanvasSurface: CanvasSurface = {
  ...browserCanvasSurface,
  context2d: () => null,
  observeResize: () => () => {},
};

/**
 * Renders a lineage component in a test app whose data-platform API is the
 * real client talking HTTP to the fake backend (msw), on a canvas surface
 * jsdom can give, with entity links routable; inside an EntityProvider when given an entity, with a catalog
 * holding `catalog`; with the pipeline-health API too when `health` is set
 * (apps may leave that extension out).
 */
export function renderLineage(
  element: ReactElement,
  options: {
    entity?: Entity;
    catalog?: Entity[];
    health?: boolean;
    /** The URL the app opens at (for pages that read their query). */
    path?: string;
    /** More APIs for the app (the personal-data API, say). */
    apis?: readonly (readonly [ApiRef<any>, unknown])[];
  } = {},
) {
  const http = {
    discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
    fetchApi: mockApis.fetch(),
  };
  const client = new DataPlatformClient(http);
  const onSurface = (
    <CanvasSurfaceContext.Provider value={jsdomCanvasSurface}>
      {element}
    </CanvasSurfaceContext.Provider>
  );
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{onSurface}</EntityProvider>
    ) : (
      onSurface
    ),
    {
      apis: [
        [dataPlatformApiRef, client],
        [catalogApiRef, catalogApiMock({ entities: options.catalog ?? [] })],
        ...(options.health
          ? [[pipelineHealthApiRef, new PipelineHealthClient(http)] as const]
          : []),
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        ...((options.apis ?? []) as [ApiRef<any>, any][]),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: options.path ? [options.path] : undefined,
    },
  );
}

/** Renders the page's query, for tests of pages that keep their view there. */
export function PageQuery() {
  const { search } = useLocation();
  return <output aria-label="page query">{search}</output>;
}

/** The query {@link PageQuery} shows, as an object. */
export const pageQuery = () =>
  Object.fromEntries(
    new URLSearchParams(
      screen.getByRole('status', { name: 'page query' }).textContent ?? '',
    ),
  );

/** The lineage canvas's button for node `id`, or null when it is not drawn. */
export const nodeButton = (id: string) =>
  document.querySelector(`[data-node-id="${id}"]`) as HTMLElement | null;
