import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import {
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import homePlugin from '@backstage/plugin-home/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import dataPlatformPlugin, {
  pipelineHealthApiRef,
  PipelineHealthApi,
} from '@dataplatform/backstage-plugin-data-platform';
import type {
  OnCallQuery,
  OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { homeModule } from './homeModule';

const TEAM = 'group:default/listening-insights';
const GUEST = 'user:development/guest';

function owned(
  kind: string,
  name: string,
  spec: object,
  title?: string,
): Entity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title },
    spec: { owner: TEAM, lifecycle: 'production', ...spec },
    relations: [{ type: 'ownedBy', targetRef: TEAM }],
  };
}

const latePipeline: OnCallRow = {
  pipelineRef: 'pipeline:default/plays-hourly-clean',
  title: 'Plays, hourly clean',
  owner: TEAM,
  lifecycle: 'production',
  state: 'late',
  lateByMs: 2 * 3_600_000,
};

/** Pipeline health as the backend answers: problems of the owners asked for. */
function fakeHealth(rows: OnCallRow[]) {
  const queries: OnCallQuery[] = [];
  const api = {
    async getOnCall(query: OnCallQuery) {
      queries.push(query);
      const mine = rows.filter(r => query.owners?.includes(r.owner));
      return { rows: mine, total: mine.length };
    },
  } as unknown as PipelineHealthApi;
  return { api, queries };
}

function renderHome(options: {
  entities: Entity[];
  problems: OnCallRow[];
  ownership: string[];
}) {
  const health = fakeHealth(options.problems);
  renderTestApp({
    features: [homePlugin, searchPlugin, homeModule],
    initialRouteEntries: ['/home'],
    config: { backend: { baseUrl: 'http://localhost:7007' } },
    apis: [
      catalogApiMock({ entities: options.entities }),
      mockApis.identity({
        userEntityRef: GUEST,
        ownershipEntityRefs: options.ownership,
      }),
      [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      [pipelineHealthApiRef, health.api],
    ],
    mountedRoutes: {
      '/catalog': catalogPlugin.routes.catalogIndex,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/create': scaffolderPlugin.routes.root,
      '/pipeline-health': dataPlatformPlugin.routes.pipelineHealth,
    },
  });
  return health;
}

describe("the home page's cards for the signed-in user's teams", () => {
  it("lists the teams' late pipelines and their event types and endpoints", async () => {
    const health = renderHome({
      ownership: [GUEST, TEAM],
      problems: [
        latePipeline,
        {
          ...latePipeline,
          pipelineRef: 'pipeline:default/ads',
          title: 'Ads',
          owner: 'group:default/ads',
        },
      ],
      entities: [
        owned('Pipeline', 'plays-hourly-clean', { engine: 'dataflow' }),
        owned(
          'EventType',
          'track-played',
          { delivery: { partitioning: 'HOUR' } },
          'Track Played',
        ),
        owned('DataEndpoint', 'plays-topic', { type: 'pubsub-topic' }),
      ],
    });

    const problems = await screen.findByRole('list', {
      name: "Your teams' late and failed pipelines",
    });
    const item = within(problems).getByRole('listitem');
    expect(
      within(item).getByRole('link', { name: 'Plays, hourly clean' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/pipeline/plays-hourly-clean/health',
    );
    expect(within(item).getByText('Late by 2 h')).toBeInTheDocument();
    expect(screen.queryByText('Ads')).not.toBeInTheDocument();
    expect(health.queries[0]).toMatchObject({
      owners: [GUEST, TEAM],
      filter: 'problems',
    });

    const data = await screen.findByRole('list', {
      name: "Your teams' event types and data endpoints",
    });
    const [eventType, endpoint] = within(data).getAllByRole('listitem');
    expect(eventType).toHaveTextContent('Track Played Hourly events');
    expect(endpoint).toHaveTextContent('plays-topic Pub/Sub topic');
    expect(
      screen.getByText('1 event type, 1 data endpoint'),
    ).toBeInTheDocument();
  });

  it('says when nothing of the teams is late', async () => {
    renderHome({
      ownership: [GUEST, TEAM],
      problems: [],
      entities: [
        owned('Pipeline', 'plays-hourly-clean', { engine: 'dataflow' }),
      ],
    });
    expect(
      await screen.findByText(
        "None of your teams' 1 pipelines is late or failed.",
      ),
    ).toBeInTheDocument();
  });

  it('tells a user whose teams own nothing so, and where to go', async () => {
    renderHome({
      ownership: ['user:default/newcomer'],
      problems: [latePipeline],
      // catalogApiMock ignores relation filters: the catalog answers nothing.
      entities: [],
    });
    expect(
      await screen.findByText('Your teams own no pipelines.'),
    ).toBeInTheDocument();
    const nothing = await screen.findByText(/own no event types/, undefined, {
      timeout: 5000,
    });
    expect(nothing).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: "Browse every team's event types" }),
    ).toHaveAttribute(
      'href',
      '/catalog?filters%5Bkind%5D=eventtype&filters%5Buser%5D=all',
    );
    expect(
      screen.getByRole('link', { name: 'Register an event type' }),
    ).toHaveAttribute('href', '/create/templates/default/register-event-type');
  }, 20_000);
});
