import { http, HttpResponse, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis } from '@backstage/frontend-test-utils';
import { DataPlatformClient } from './DataPlatformClient';

const BASE = 'http://backend.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  new DataPlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE }),
    fetchApi: mockApis.fetch(),
  });

function capture(path: string, body: JsonBodyType) {
  const seen: URL[] = [];
  server.use(
    http.get(`${BASE}/api/data-platform${path}`, ({ request }) => {
      seen.push(new URL(request.url));
      return HttpResponse.json(body);
    }),
  );
  return seen;
}

describe('DataPlatformClient', () => {
  it('asks for a lineage graph with node, direction, depth and cap', async () => {
    const graph = {
      root: 'dataendpoint:default/plays-hourly',
      nodes: [],
      edges: [],
    };
    const seen = capture('/lineage/graph', graph);
    await expect(
      client().getLineageGraph({
        node: 'dataendpoint:default/plays-hourly',
        direction: 'upstream',
        depth: 2,
        maxNodes: 300,
      }),
    ).resolves.toEqual(graph);
    expect(Object.fromEntries(seen[0].searchParams)).toEqual({
      node: 'dataendpoint:default/plays-hourly',
      direction: 'upstream',
      depth: '2',
      maxNodes: '300',
    });
  });

  it('leaves out parameters that are not given and encodes OpenLineage ids', async () => {
    const seen = capture('/lineage/graph', { root: 'x', nodes: [], edges: [] });
    const id = 'openlineage:dataset:gs://bucket/path with space&more';
    await client().getLineageGraph({ node: id });
    expect([...seen[0].searchParams.keys()]).toEqual(['node']);
    expect(seen[0].searchParams.get('node')).toBe(id);
  });

  it('builds path, column, search and catalog-gap requests', async () => {
    const paths = capture('/lineage/path', {
      from: 'a',
      to: 'b',
      path: [],
      nodes: [],
      edges: [],
    });
    const columns = capture('/lineage/columns', {
      node: 'a',
      column: 'user_id',
      upstream: [],
      downstream: [],
    });
    const recorded = capture('/lineage/recorded-columns', {
      node: 'a',
      columns: [],
    });
    const search = capture('/lineage/search', { nodes: [] });
    const gaps = capture('/lineage/catalog-gaps', {
      total: 0,
      byKind: {},
      nodes: [],
    });
    await client().getLineagePath('a', 'b');
    await client().getColumnLineage('a', 'user_id');
    await client().getColumnLineage('a', 'user_id', 5);
    await client().getRecordedColumns('a');
    await client().searchLineage('plays', 20);
    await client().getCatalogGaps({ kind: 'Dataset', limit: 20, offset: 40 });
    await client().getCatalogGaps();
    expect(Object.fromEntries(paths[0].searchParams)).toEqual({
      from: 'a',
      to: 'b',
    });
    expect(columns.map(url => Object.fromEntries(url.searchParams))).toEqual([
      { node: 'a', column: 'user_id' },
      { node: 'a', column: 'user_id', depth: '5' },
    ]);
    expect(Object.fromEntries(recorded[0].searchParams)).toEqual({
      node: 'a',
    });
    expect(Object.fromEntries(search[0].searchParams)).toEqual({
      q: 'plays',
      limit: '20',
    });
    expect(gaps.map(url => Object.fromEntries(url.searchParams))).toEqual([
      { kind: 'Dataset', limit: '20', offset: '40' },
      {},
    ]);
  });

  it('turns an error answer into a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${BASE}/api/data-platform/lineage/graph`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No lineage node dataendpoint:default/nope',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client()
      .getLineageGraph({ node: 'dataendpoint:default/nope' })
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe(
      'No lineage node dataendpoint:default/nope',
    );
  });

  it('reports a non-JSON failure with its status', async () => {
    server.use(
      http.get(
        `${BASE}/api/data-platform/lineage/search`,
        () =>
          new HttpResponse('upstream connect error', {
            status: 502,
            statusText: 'Bad Gateway',
          }),
      ),
    );
    const error = await client()
      .searchLineage('x')
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(502);
  });
});
