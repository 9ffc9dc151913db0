import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { dataPlatformApiRef } from '../api/DataPlatformApi';
import { DataPlatformClient } from '../api/DataPlatformClient';
import { ConsumerDecisionsCard } from './ConsumerDecisionsCard';

const BASE_URL = 'http://data-platform.test';
const asked: string[] = [];
const server = setupServer(
  http.get(
    `${BASE_URL}/api/data-platform/schema-changes/decisions`,
    ({ request }) => {
      const entityRef = new URL(request.url).searchParams.get('entityRef')!;
      asked.push(entityRef);
      return HttpResponse.json({
        items:
          entityRef === 'eventtype:default/track-played'
            ? [
                {
                  id: 'd1',
                  entityRef,
                  revision: 4,
                  decidedBy: 'user:development/guest',
                  decidedAt: '2026-12-07T10:02:03.000Z',
                  reason: 'ms_played moves to duration_ms',
                  changes: [
                    {
                      kind: 'field-removed',
                      path: 'ms_played',
                      description: 'removed (NULLABLE INT64)',
                    },
                  ],
                  consumers: [
                    {
                      id: 'pipeline:default/royalty-usage-monthly',
                      title: 'royalty-usage-monthly',
                      owner: 'group:default/royalties',
                      paths: ['ms_played'],
                      through:
                        'track-played-raw#ms_played -> plays-hourly#ms_played',
                    },
                  ],
                  notified: ['group:default/royalties'],
                },
              ]
            : [],
      });
    },
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const render = (entityRef: string) =>
  renderInTestApp(<ConsumerDecisionsCard entityRef={entityRef} />, {
    apis: [
      [
        dataPlatformApiRef,
        new DataPlatformClient({
          discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
          fetchApi: mockApis.fetch(),
        }),
      ],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

describe('ConsumerDecisionsCard', () => {
  it('shows who decided to break which consumers, when and why', async () => {
    await render('eventtype:default/track-played');
    const table = await screen.findByRole('table', {
      name: 'Decisions to break consumers',
    });
    const [, row] = within(table).getAllByRole('row');
    expect(row).toHaveTextContent('4');
    expect(row).toHaveTextContent('guest');
    expect(row).toHaveTextContent('2026-12-07 10:02 UTC');
    expect(row).toHaveTextContent('ms_played moves to duration_ms');
    expect(row).toHaveTextContent(
      'royalty-usage-monthly (royalties) reads ms_played: track-played-raw#ms_played -> plays-hourly#ms_played',
    );
    expect(asked).toContain('eventtype:default/track-played');
  });

  it('says when there is none', async () => {
    await render('eventtype:default/search-performed');
    expect(
      await screen.findByText(
        /No schema change of this event type was shipped/,
      ),
    ).toBeInTheDocument();
  });
});
