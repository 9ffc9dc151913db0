import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis } from '@backstage/frontend-test-utils';
import type {
  EndpointPii,
  PiiFindingsPage,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { PersonalDataClient } from './personalDataClient';

const BASE = 'http://backend.test';
const API = `${BASE}/api/data-platform/pii`;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  new PersonalDataClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE }),
    fetchApi: mockApis.fetch(),
  });

const noPii: EndpointPii = {
  ref: 'dataendpoint:default/plays hourly',
  columns: [],
  findings: [],
  computedAt: '2026-03-01T09:00:00.000Z',
};

describe('PersonalDataClient', () => {
  it("asks for an endpoint's personal data by its ref, encoded", async () => {
    const seen: URL[] = [];
    server.use(
      http.get(`${API}/endpoint`, ({ request }) => {
        seen.push(new URL(request.url));
        return HttpResponse.json(noPii);
      }),
    );
    await expect(
      client().getEndpointPii('dataendpoint:default/plays hourly'),
    ).resolves.toEqual(noPii);
    expect(seen[0].search).toBe('?ref=dataendpoint%3Adefault%2Fplays+hourly');
  });

  it("asks for an owner's findings a page at a time, leaving out what is not given", async () => {
    const seen: URLSearchParams[] = [];
    const page: PiiFindingsPage = { items: [], total: 0, hidden: 2 };
    server.use(
      http.get(`${API}/findings`, ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return HttpResponse.json(page);
      }),
    );
    await expect(
      client().getPiiFindings({
        owner: 'group:default/royalties',
        limit: 10,
        offset: 20,
      }),
    ).resolves.toEqual(page);
    await client().getPiiFindings();
    expect(Object.fromEntries(seen[0])).toEqual({
      owner: 'group:default/royalties',
      limit: '10',
      offset: '20',
    });
    expect([...seen[1].keys()]).toEqual([]);
  });

  it('turns a bad request into a ResponseError with its status and message', async () => {
    server.use(
      http.get(`${API}/findings`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'limit must be 1 to 200' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client()
      .getPiiFindings({ limit: 5000 })
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('limit must be 1 to 200');
  });
});
