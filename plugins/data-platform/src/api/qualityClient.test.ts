import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis } from '@backstage/frontend-test-utils';
import { DataQualityClient, SCORES_PER_REQUEST } from './qualityClient';

const BASE = 'http://backend.test';
const API = `${BASE}/api/data-platform/quality`;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  new DataQualityClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE }),
    fetchApi: mockApis.fetch(),
  });

describe('DataQualityClient', () => {
  it('addresses an endpoint by namespace and name, encoded', async () => {
    const seen: { method: string; path: string; body?: unknown }[] = [];
    const record = async ({ request }: { request: Request }) => {
      seen.push({
        method: request.method,
        path: new URL(request.url).pathname,
        body: request.method === 'POST' ? await request.json() : undefined,
      });
      return HttpResponse.json({ queued: {}, marked: {} });
    };
    server.use(
      http.get(`${API}/endpoints/:namespace/:name`, record),
      http.post(`${API}/endpoints/:namespace/:name/run`, record),
      http.post(`${API}/endpoints/:namespace/:name/mark-normal`, record),
    );
    const ref = 'dataendpoint:team a/plays hourly';
    await client().getEndpointQuality(ref);
    await client().runChecks(ref, '2026-03-01T09:00:00.000Z');
    await client().runChecks('dataendpoint:default/snapshot');
    await client().markVolumeNormal(ref, '2026-03-01T09:00:00.000Z');
    const path = '/api/data-platform/quality/endpoints/team%20a/plays%20hourly';
    expect(seen).toEqual([
      { method: 'GET', path },
      {
        method: 'POST',
        path: `${path}/run`,
        body: { partition: '2026-03-01T09:00:00.000Z' },
      },
      {
        method: 'POST',
        path: '/api/data-platform/quality/endpoints/default/snapshot/run',
        body: {},
      },
      {
        method: 'POST',
        path: `${path}/mark-normal`,
        body: { partition: '2026-03-01T09:00:00.000Z' },
      },
    ]);
  });

  it(`asks for scores ${SCORES_PER_REQUEST} refs at a time, none for an empty list`, async () => {
    const batches: string[][] = [];
    server.use(
      http.post(`${API}/scores`, async ({ request }) => {
        const { entityRefs } = (await request.json()) as {
          entityRefs: string[];
        };
        batches.push(entityRefs);
        return HttpResponse.json({
          scores: entityRefs.slice(0, 1).map(entityRef => ({
            entityRef,
            title: entityRef,
            score: 90,
            day: '2026-03-01',
          })),
        });
      }),
    );
    const refs = Array.from(
      { length: SCORES_PER_REQUEST + 5 },
      (_, i) => `dataendpoint:default/t${i}`,
    );
    const scores = await client().getScores([...refs, refs[0]]);
    expect(batches.map(b => b.length)).toEqual([SCORES_PER_REQUEST, 5]);
    expect(scores.map(s => s.entityRef)).toEqual([
      'dataendpoint:default/t0',
      `dataendpoint:default/t${SCORES_PER_REQUEST}`,
    ]);
    await expect(client().getScores([])).resolves.toEqual([]);
    expect(batches).toHaveLength(2);
  });

  it("asks for an owner's scores by kind, namespace and name", async () => {
    let path = '';
    server.use(
      http.get(`${API}/owners/:kind/:namespace/:name`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({
          owner: 'group:default/playback',
          scores: [],
        });
      }),
    );
    await client().getOwnerScores('Group:default/playback');
    expect(path).toBe(
      '/api/data-platform/quality/owners/group/default/playback',
    );
    await client().getOwnerScores('user:development/guest');
    expect(path).toBe(
      '/api/data-platform/quality/owners/user/development/guest',
    );
  });

  it('turns a refusal into a ResponseError with its status', async () => {
    server.use(
      http.post(`${API}/endpoints/:namespace/:name/run`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Only the owners' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client()
      .runChecks('dataendpoint:default/plays', '2026-03-01T09:00:00Z')
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(403);
  });
});
