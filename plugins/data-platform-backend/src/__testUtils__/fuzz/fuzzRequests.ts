import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import {
  edgyDateTime,
  edgyJson,
  edgyRunId,
  edgyString,
  nestedText,
} from './fuzzValues';

/** One HTTP request to the plugin, its path relative to `/api/data-platform`. */
export type FuzzRequest = {
  /** What the request is, for the report: a route template. */
  route: string;
  /** Whose credentials it carries. */
  principal?: 'service' | 'user' | 'none';
  method: 'GET' | 'POST';
  /** Path and query, percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
};

const PRODUCER =
  'https://github.com/OpenLineage/OpenLineage/tree/1.24.0/client';
const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/';
const facet = (schema: string) => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/${schema}`,
});

/** Names the fuzzer also sends to the query routes, so they find something. */
export const KNOWN_NODES = [
  'openlineage:job:airflow/plays-daily-aggregate',
  'openlineage:dataset:bigquery/tunewave-analytics.listening.plays_hourly',
  'openlineage:dataset:bigquery/tunewave-warehouse.listening.plays_hourly',
  'openlineage:dataset:gs://tunewave-finance-exports//royalty-statements/',
  'openlineage:job:dbt://tunewave-analytics/label_reporting.artist_streams_daily',
  'pipeline:default/plays-daily-aggregate',
  'pipeline:default/plays-hourly-clean',
  'dataendpoint:default/plays-hourly',
];

/** A valid RunEvent, JobEvent or DatasetEvent to mutate. */
function baseEvent(kind: number, runId: string, i: number) {
  const dataset = (table: string) => ({
    namespace: 'bigquery',
    name: `tunewave-analytics.listening.${table}`,
  });
  const columnLineage = {
    ...facet('1-2-0/ColumnLineageDatasetFacet.json'),
    fields: {
      streams: {
        inputFields: [
          {
            ...dataset('plays_hourly'),
            field: 'play_id',
            transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
          },
        ],
      },
    },
  };
  const eventTime = new Date(Date.UTC(2026, 10, 26, 10, 0, 0, i)).toISOString();
  if (kind === 2) {
    return {
      eventTime,
      producer: PRODUCER,
      schemaURL: `${SPEC}DatasetEvent`,
      dataset: { ...dataset('plays_daily'), facets: { columnLineage } },
    };
  }
  const event: Record<string, any> = {
    eventTime,
    producer: PRODUCER,
    schemaURL: `${SPEC}${kind === 1 ? 'JobEvent' : 'RunEvent'}`,
    job: { namespace: 'airflow', name: 'plays-daily-aggregate' },
    inputs: [dataset('plays_hourly')],
    outputs: [{ ...dataset('plays_daily'), facets: { columnLineage } }],
  };
  if (kind === 0) {
    event.eventType = 'COMPLETE';
    event.run = {
      runId,
      facets: {
        nominalTime: {
          ...facet('1-0-1/NominalTimeRunFacet.json'),
          nominalStartTime: '2026-11-26T09:00:00Z',
          nominalEndTime: '2026-11-26T10:00:00Z',
        },
        errorMessage: {
          ...facet('1-0-1/ErrorMessageRunFacet.json'),
          message: 'boom',
          programmingLanguage: 'python',
        },
        parent: {
          ...facet('1-1-0/ParentRunFacet.json'),
          run: { runId },
          job: { namespace: 'airflow', name: 'plays-daily' },
        },
      },
    };
  }
  return event;
}

/** Paths into an event where a bad value hurts most, and what to put there. */
const MUTATIONS: [path: (string | number)[], value: fc.Arbitrary<unknown>][] = [
  [['eventTime'], edgyDateTime],
  [
    ['eventType'],
    fc.oneof(fc.constantFrom('START', 'FAIL', 'DONE', ''), edgyJson),
  ],
  [['run', 'runId'], edgyRunId],
  [['job', 'name'], edgyString],
  [['job', 'namespace'], edgyString],
  [['inputs', 0, 'name'], edgyString],
  [['outputs', 0, 'namespace'], edgyString],
  [
    ['schemaURL'],
    fc.oneof(
      fc.constantFrom(
        `${SPEC}JobEvent`,
        `${SPEC}DatasetEvent`,
        `${SPEC}RunEvent`,
        'not a url',
      ),
      edgyString,
    ),
  ],
  [['producer'], edgyString],
  [['run', 'facets', 'nominalTime', 'nominalStartTime'], edgyDateTime],
  [['run', 'facets', 'errorMessage', 'message'], edgyString],
  [['run', 'facets', 'parent', 'run', 'runId'], edgyRunId],
  [['run', 'facets', 'custom'], edgyJson],
  [['run', 'facets'], edgyJson],
  [
    [
      'outputs',
      0,
      'facets',
      'columnLineage',
      'fields',
      'streams',
      'inputFields',
      0,
      'field',
    ],
    edgyString,
  ],
  [['outputs', 0, 'facets', 'columnLineage', 'fields'], edgyJson],
  [
    ['outputs', 0, 'facets', 'dataSource'],
    fc.record({
      _producer: edgyString,
      _schemaURL: edgyString,
      uri: edgyString,
      name: edgyString,
    }),
  ],
  [['dataset', 'name'], edgyString],
  [['job'], edgyJson],
  [['run'], edgyJson],
  [['inputs'], edgyJson],
  [['outputs'], edgyJson],
];

function setAt(target: any, path: (string | number)[], value: unknown) {
  let at = target;
  for (const key of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return;
    at[key] ??= typeof key === 'number' ? [] : {};
    at = at[key];
  }
  if (at !== null && typeof at === 'object') at[path[path.length - 1]] = value;
}

function deleteAt(target: any, path: (string | number)[]) {
  let at = target;
  for (const key of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return;
    at = at[key];
  }
  if (at !== null && typeof at === 'object') delete at[path[path.length - 1]];
}

const mutation = fc.oneof(
  ...MUTATIONS.map(([path, value]) =>
    value.map(v => (event: any) => setAt(event, path, v)),
  ),
  fc
    .constantFrom(...MUTATIONS.map(([path]) => path))
    .map(path => (event: any) => deleteAt(event, path)),
  fc.integer({ min: 0, max: 1500 }).map(
    count => (event: any) =>
      setAt(
        event,
        ['inputs'],
        Array.from({ length: count }, (_, i) => ({
          namespace: 'bigquery',
          name: `t${i}`,
        })),
      ),
  ),
);

/** The marker a deep facet's text replaces. */
const DEEP = '"__deep__"';

/** One event's JSON text: a valid event with 0-3 mutations, sometimes a facet nested deep. */
const eventText = fc
  .record({
    kind: fc.integer({ min: 0, max: 2 }),
    runId: fc.uuid(),
    i: fc.integer({ min: 0, max: 1_000_000 }),
    mutations: fc.array(mutation, { maxLength: 3 }),
    // Now and then a custom facet nested up to 6,000 objects deep.
    depth: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.integer({ min: 2, max: 6000 }) },
    ),
  })
  .map(({ kind, runId, i, mutations, depth }) => {
    const event = baseEvent(kind, runId, i);
    for (const mutate of mutations) mutate(event);
    if (depth !== null) setAt(event, ['run', 'facets', 'deep'], '__deep__');
    const text = JSON.stringify(event) ?? 'null';
    return depth !== null ? text.replace(DEEP, nestedText(depth)) : text;
  });

/** A scheduler's batch: up to 1,200 valid events of distinct runs, as NDJSON. */
const largeBatch = fc
  .tuple(fc.integer({ min: 1, max: 1200 }), fc.integer({ min: 0, max: 1e6 }))
  .map(([count, seed]) =>
    Array.from({ length: count }, (_, i) =>
      JSON.stringify(
        baseEvent(
          0,
          `0193a3c6-6b1e-7b6c-9d6a-${(seed * 10_000 + i)
            .toString(16)
            .padStart(12, '0')
            .slice(-12)}`,
          i,
        ),
      ),
    ).join('\n'),
  );

/** A body of events as JSON, an array, NDJSON, or something that is none of them. */
const ingestionBody = fc.oneof(
  { weight: 1, arbitrary: largeBatch },
  eventText,
  fc
    .array(eventText, { minLength: 0, maxLength: 6 })
    .map(texts => `[${texts.join(',')}]`),
  fc
    .tuple(
      fc.array(eventText, { maxLength: 6 }),
      fc.constantFrom('\n', '\r\n', '\n\n'),
    )
    .map(([texts, newline]) => texts.join(newline)),
  fc
    .tuple(eventText, fc.nat())
    .map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
  fc.integer({ min: 1, max: 20_000 }).map(n => '{}\n'.repeat(n)),
  edgyString,
  fc.jsonValue().map(v => JSON.stringify(v) ?? ''),
);

const contentType = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/x-ndjson',
      'application/jsonl',
      'application/ld+json',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
      '',
    ),
  },
);

/** Where OpenLineage clients post, and places near it. */
const ingestionPath = fc.constantFrom(
  '/openlineage/api/v1/lineage',
  '/api/v1/lineage',
  '/openlineage',
  '/openlineage/',
  '/',
  '/api/v1/lineage/extra',
  '/openlineage/api/v1/lineage?x=%00',
);

export const ingestionRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    path: ingestionPath,
    body: ingestionBody,
    contentType,
    bom: fc.boolean(),
    encoding: fc.constantFrom('none', 'none', 'gzip', 'bogus-gzip'),
  })
  .map(({ path, body, contentType: type, bom, encoding }) => {
    let bytes: Buffer = Buffer.from(bom ? `\uFEFF${body}` : body, 'utf8');
    const headers: Record<string, string> = {};
    if (type) headers['content-type'] = type;
    if (encoding === 'gzip') bytes = gzipSync(bytes);
    if (encoding !== 'none') headers['content-encoding'] = 'gzip';
    return {
      route: `POST ${path.split('?')[0]}`,
      method: 'POST',
      path,
      headers,
      body: bytes,
    };
  });

/** A query value as a browser would encode it: UTF-8 bytes, percent-escaped. */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map(byte =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** A query or path value: known node ids, numbers, edge strings, raw escapes. */
const paramValue = fc.oneof(
  fc.constantFrom(...KNOWN_NODES).map(encode),
  fc
    .constantFrom(
      '0',
      '1',
      '3',
      '500',
      '5001',
      '-1',
      '1.5',
      '1e20',
      'both',
      'upstream',
      'Job',
      'Dataset',
      'problems',
      'all',
      'name',
    )
    .map(encode),
  edgyString.map(encode),
  fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '%C0%80', '%FF'),
);

/** Values a route takes for each of its query keys, besides edge cases. */
const GOOD_VALUES: Record<string, fc.Arbitrary<string>> = {
  node: fc.constantFrom(...KNOWN_NODES),
  from: fc.constantFrom(...KNOWN_NODES),
  to: fc.constantFrom(...KNOWN_NODES),
  direction: fc.constantFrom('upstream', 'downstream', 'both'),
  depth: fc.integer({ min: 1, max: 10 }).map(String),
  maxDepth: fc.integer({ min: 1, max: 50 }).map(String),
  maxNodes: fc.integer({ min: 1, max: 5000 }).map(String),
  maxEdges: fc.integer({ min: 1, max: 10000 }).map(String),
  column: fc.constantFrom('streams', 'play_id'),
  kind: fc.constantFrom('Job', 'Dataset', 'Pipeline', 'DataEndpoint'),
  limit: fc.integer({ min: 1, max: 500 }).map(String),
  offset: fc.integer({ min: 0, max: 100 }).map(String),
  q: fc.constantFrom('plays', 'daily', 'a'),
  owners: fc.constantFrom(
    'group:default/listening',
    'team-a',
    'listening,payments',
  ),
  filter: fc.constantFrom('problems', 'all'),
  sort: fc.constantFrom('severity', 'age', 'name'),
  refresh: fc.constantFrom('true', 'false'),
  before: fc.integer({ min: 0, max: 100 }).map(String),
  by: fc.constantFrom('system', 'owner', 'pipeline'),
};

/**
 * A query string: each of the route's keys most of the time, with a value
 * it takes or an edge case, now and then repeated or bracketed, and now and
 * then keys it does not know.
 */
function queryOf(keys: string[]) {
  const pair = (key: string) =>
    fc.tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(key) },
        { weight: 1, arbitrary: fc.constant(`${key}[a]`) },
        { weight: 1, arbitrary: fc.constant(`${key}[]`) },
      ),
      fc.oneof(
        { weight: 5, arbitrary: (GOOD_VALUES[key] ?? paramValue).map(encode) },
        { weight: 1, arbitrary: paramValue },
      ),
    );
  return fc
    .tuple(
      fc.tuple(...keys.map(key => fc.option(pair(key), { freq: 4 }))),
      fc.array(fc.tuple(edgyString.map(encode), paramValue), { maxLength: 2 }),
      fc.array(fc.constantFrom(...keys).chain(pair), { maxLength: 1 }),
    )
    .map(([own, unknown, repeated]) => {
      const pairs = [
        ...own.filter((p): p is [string, string] => p !== null),
        ...unknown,
        ...repeated,
      ];
      return pairs.length
        ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`
        : '';
    });
}

const segment = paramValue;

/** A data endpoint's namespace and name: one of the example's, or anything. */
const endpointSegments = fc.oneof(
  fc.constant('default/plays-hourly'),
  fc.constant('default/track-played-raw'),
  fc.tuple(segment, segment).map(([namespace, name]) => `${namespace}/${name}`),
);

/** The data quality routes: an endpoint's quality, runs, scores, owners, rollups. */
function qualityRoutes(): fc.Arbitrary<FuzzRequest>[] {
  const json = { 'content-type': 'application/json' };
  const partitionBody = fc
    .oneof(
      fc.record({ partition: edgyDateTime }, { requiredKeys: [] }),
      edgyJson,
    )
    .map(body => JSON.stringify(body) ?? '');
  return [
    endpointSegments.map(endpoint => ({
      route: 'GET /quality/endpoints/:namespace/:name',
      method: 'GET' as const,
      path: `/quality/endpoints/${endpoint}`,
      headers: {},
    })),
    fc
      .tuple(
        endpointSegments,
        fc.constantFrom('run', 'mark-normal'),
        partitionBody,
      )
      .map(([endpoint, action, body]) => ({
        route: `POST /quality/endpoints/:namespace/:name/${action}`,
        method: 'POST' as const,
        path: `/quality/endpoints/${endpoint}/${action}`,
        headers: json,
        body,
      })),
    fc
      .oneof(
        fc
          .array(
            fc.oneof(
              fc.constantFrom(...KNOWN_NODES, 'dataendpoint:default/nope'),
              edgyString,
            ),
            { maxLength: 20 },
          )
          .map(entityRefs => ({ entityRefs })),
        edgyJson,
      )
      .map(body => ({
        route: 'POST /quality/scores',
        method: 'POST' as const,
        path: '/quality/scores',
        headers: json,
        body: JSON.stringify(body) ?? '',
      })),
    fc
      .tuple(
        fc.oneof(fc.constantFrom('group', 'user'), segment),
        segment,
        segment,
      )
      .map(([kind, namespace, name]) => ({
        route: 'GET /quality/owners/:kind/:namespace/:name',
        method: 'GET' as const,
        path: `/quality/owners/${kind}/${namespace}/${name}`,
        headers: {},
      })),
    queryOf(['by']).map(query => ({
      route: 'GET /quality/rollups',
      method: 'GET' as const,
      path: `/quality/rollups${query}`,
      headers: {},
    })),
  ];
}

/** The query routes: lineage, health, provisioning and quality, with their parameters. */
const QUERY_ROUTES: fc.Arbitrary<FuzzRequest>[] = [
  ...(
    [
      ['/lineage/graph', ['node', 'direction', 'depth', 'maxNodes']],
      ['/lineage/path', ['from', 'to', 'maxDepth']],
      ['/lineage/columns', ['node', 'column', 'depth', 'maxEdges']],
      ['/lineage/recorded-columns', ['node']],
      ['/lineage/catalog-gaps', ['kind', 'limit', 'offset']],
      ['/lineage/search', ['q', 'limit']],
      ['/health/oncall', ['owners', 'filter', 'sort', 'offset', 'limit']],
    ] as const
  ).map(([path, keys]) =>
    queryOf([...keys]).map(query => ({
      route: `GET ${path}`,
      method: 'GET' as const,
      path: `${path}${query}`,
      headers: {},
    })),
  ),
  fc.tuple(segment, segment).map(([namespace, name]) => ({
    route: 'GET /health/pipelines/:namespace/:name',
    method: 'GET' as const,
    path: `/health/pipelines/${namespace}/${name}`,
    headers: {},
  })),
  fc.tuple(segment, segment).map(([namespace, name]) => ({
    route: 'GET /health/endpoints/:namespace/:name/freshness',
    method: 'GET' as const,
    path: `/health/endpoints/${namespace}/${name}/freshness`,
    headers: {},
  })),
  fc
    .tuple(
      segment,
      fc.constantFrom('acknowledge', 'snooze', 'resolve'),
      edgyJson,
      edgyDateTime,
      edgyString,
    )
    .map(([id, action, body, until, note]) => ({
      route: `POST /health/alerts/:id/${action}`,
      method: 'POST' as const,
      path: `/health/alerts/${id}/${action}`,
      headers: { 'content-type': 'application/json' },
      body:
        JSON.stringify(
          typeof body === 'object' && body !== null ? body : { until, note },
        ) ?? '',
    })),
  fc
    .oneof(
      fc.array(fc.oneof(edgyString, fc.constantFrom(...KNOWN_NODES)), {
        maxLength: 20,
      }),
      edgyJson,
    )
    .map(pipelines => ({
      route: 'POST /health/pipeline-states',
      method: 'POST' as const,
      path: '/health/pipeline-states',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pipelines }) ?? '',
    })),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom('eventtype', 'dataendpoint', 'pipeline'),
        segment,
      ),
      segment,
      segment,
      fc.constantFrom('', '/plan', '/apply', '/history'),
      queryOf(['refresh', 'limit']),
      edgyJson,
    )
    .map(([kind, namespace, name, action, query, body]) => ({
      route: `${
        action === '' || action === '/history' ? 'GET' : 'POST'
      } /provisioning/entities/:kind/:namespace/:name${action}`,
      method:
        action === '' || action === '/history'
          ? ('GET' as const)
          : ('POST' as const),
      path: `/provisioning/entities/${kind}/${namespace}/${name}${action}${query}`,
      headers: { 'content-type': 'application/json' },
      body: action === '/apply' ? JSON.stringify(body) ?? '' : undefined,
    })),
  edgyJson.map(body => ({
    route: 'POST /provisioning/plan',
    method: 'POST' as const,
    path: '/provisioning/plan',
    headers: { 'content-type': 'application/json' },
    body:
      JSON.stringify(
        typeof body === 'object' && body !== null ? { entities: [body] } : body,
      ) ?? '',
  })),
  ...qualityRoutes(),
  queryOf(['limit', 'before']).map(query => ({
    route: 'GET /openlineage/dead-letters',
    method: 'GET' as const,
    path: `/openlineage/dead-letters${query}`,
    headers: {},
  })),
  fc.oneof(segment, fc.integer({ min: 0, max: 50 }).map(String)).map(id => ({
    route: 'GET /openlineage/dead-letters/:id',
    method: 'GET' as const,
    path: `/openlineage/dead-letters/${id}`,
    headers: {},
  })),
  fc
    .oneof(
      fc.record({
        ids: fc.array(fc.integer({ min: 0, max: 50 }).map(String), {
          maxLength: 5,
        }),
      }),
      fc.constant({}),
      edgyJson,
    )
    .map(body => ({
      route: 'POST /openlineage/dead-letters/replay',
      method: 'POST' as const,
      path: '/openlineage/dead-letters/replay',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body) ?? '',
    })),
  fc
    .tuple(
      fc.constantFrom(
        '/nowhere',
        '/lineage',
        '/health',
        '/openlineage/api/v2/lineage',
      ),
      queryOf(['x']),
    )
    .map(([path, query]) => ({
      route: `GET ${path}`,
      method: 'GET' as const,
      path: `${path}${query}`,
      headers: {},
    })),
];

export const queryRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  ...QUERY_ROUTES,
);

/** `requests` sent as a service (mostly), a signed-in user, or no one. */
export function withPrincipal(
  requests: fc.Arbitrary<FuzzRequest>,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      requests,
      fc.constantFrom('service', 'service', 'service', 'user', 'none' as const),
    )
    .map(([request, principal]) => ({ ...request, principal }));
}
