import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis } from '@backstage/frontend-test-utils';
import { ProvisioningClient } from './ProvisioningClient';

const BASE = 'http://backend.test';
const ENTITY = `${BASE}/api/data-platform/provisioning/entities/dataendpoint/default/track-played%20raw`;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  new ProvisioningClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE }),
    fetchApi: mockApis.fetch(),
  });

describe('ProvisioningClient', () => {
  it('names the entity by lowercase kind, namespace and encoded name', async () => {
    const seen: { method: string; url: string; body?: unknown }[] = [];
    const answer = { entityRef: 'x', resources: [], problems: [] };
    server.use(
      http.get(ENTITY, ({ request }) => {
        seen.push({ method: 'GET', url: request.url });
        return HttpResponse.json(answer);
      }),
      http.post(`${ENTITY}/plan`, async ({ request }) => {
        seen.push({ method: 'POST', url: request.url });
        return HttpResponse.json(answer);
      }),
      http.post(`${ENTITY}/apply`, async ({ request }) => {
        seen.push({
          method: 'POST',
          url: request.url,
          body: await request.json(),
        });
        return HttpResponse.json({ applies: [], provisioning: answer });
      }),
      http.get(`${ENTITY}/history`, ({ request }) => {
        seen.push({ method: 'GET', url: request.url });
        return HttpResponse.json({ applies: [] });
      }),
    );
    const ref = 'DataEndpoint:default/track-played raw';
    await client().getEntityProvisioning(ref);
    await client().getEntityProvisioning(ref, { refresh: true });
    await client().planEntity(ref);
    await client().applyEntity(ref);
    await client().applyEntity(ref, { resources: ['bigquery-table:p.d.t'] });
    await client().getApplyHistory(ref, { limit: 20 });
    expect(seen).toEqual([
      { method: 'GET', url: ENTITY },
      { method: 'GET', url: `${ENTITY}?refresh=true` },
      { method: 'POST', url: `${ENTITY}/plan` },
      { method: 'POST', url: `${ENTITY}/apply`, body: {} },
      {
        method: 'POST',
        url: `${ENTITY}/apply`,
        body: { resources: ['bigquery-table:p.d.t'] },
      },
      { method: 'GET', url: `${ENTITY}/history?limit=20` },
    ]);
  });
});
