import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import {
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import homePlugin from '@backstage/plugin-home/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import dataPlatformPlugin, {
  pipelineHealthApiRef,
  PipelineHealthApi,
} from '@dataplatform/backstage-plugin-data-platform';
import { homeModule } from './homeModule';

function entities(kind: string, count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'dataplatform.io/v1alpha1',
    kind,
    metadata: { name: `${kind.toLocaleLowerCase('en-US')}-${i}` },
    spec: {},
  }));
}

function renderHomePage(catalog = catalogApiMock()) {
  return renderTestApp({
    features: [homePlugin, searchPlugin, homeModule],
    initialRouteEntries: ['/home'],
    config: {
      app: { title: 'Tunewave Data Portal' },
      backend: { baseUrl: 'http://localhost:7007' },
    },
    apis: [
      catalog,
      [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      [
        pipelineHealthApiRef,
        {
          getOnCall: async () => ({ rows: [], total: 0 }),
        } as unknown as PipelineHealthApi,
      ],
    ],
    mountedRoutes: {
      '/catalog': catalogPlugin.routes.catalogIndex,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/data-lineage': dataPlatformPlugin.routes.lineageExplorer,
      '/pipeline-health': dataPlatformPlugin.routes.pipelineHealth,
    },
  });
}

describe('the home page', () => {
  it('has the portal name and the search bar above the cards', async () => {
    renderHomePage();
    expect(
      await screen.findByRole('heading', { name: 'Tunewave Data Portal' }),
    ).toBeInTheDocument();
    const search = await screen.findByRole('textbox', { name: /search/i });
    const firstCard = await screen.findByText('The platform in numbers');
    expect(
      // eslint-disable-next-line no-bitwise
      search.compareDocumentPosition(firstCard) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it("counts the data platform's kinds and links to the catalog listing each", async () => {
    renderHomePage(
      catalogApiMock({
        entities: [
          ...entities('EventType', 3),
          ...entities('Pipeline', 5),
          ...entities('Component', 4),
        ],
      }),
    );
    const kinds = within(
      await screen.findByRole('list', { name: 'Data platform kinds' }),
    ).getAllByRole('listitem');
    expect(kinds).toHaveLength(3);
    const [eventTypes, pipelines, endpoints] = kinds;
    expect(await within(eventTypes).findByText('3')).toBeInTheDocument();
    expect(within(pipelines).getByText('5')).toBeInTheDocument();
    expect(within(endpoints).getByText('0')).toBeInTheDocument();
    expect(
      within(eventTypes).getByRole('link', { name: 'Event types' }),
    ).toHaveAttribute(
      'href',
      '/catalog?filters%5Bkind%5D=eventtype&filters%5Buser%5D=all',
    );
    expect(
      within(endpoints).getByRole('link', { name: 'Data endpoints' }),
    ).toHaveAttribute(
      'href',
      '/catalog?filters%5Bkind%5D=dataendpoint&filters%5Buser%5D=all',
    );
  });

  it('links to the lineage explorer and the on-call page', async () => {
    renderHomePage();
    expect(
      await screen.findByRole('link', { name: 'Open the lineage explorer' }),
    ).toHaveAttribute('href', '/data-lineage');
    expect(
      await screen.findByRole('link', { name: 'Open pipeline health' }),
    ).toHaveAttribute('href', '/pipeline-health');
  });

  it('has none of the home plugin demo widgets', async () => {
    renderHomePage();
    await screen.findByText('The platform in numbers');
    for (const title of [
      'Random Joke',
      'Toolkit',
      'World Clocks',
      'Most Visited',
      'Recently Visited',
    ]) {
      expect(screen.queryByText(title)).not.toBeInTheDocument();
    }
  });
});
