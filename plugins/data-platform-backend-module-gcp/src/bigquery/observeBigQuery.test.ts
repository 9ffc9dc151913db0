import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { planResource } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  BIGQUERY,
  googleError,
  http,
  json,
  recordRequests,
} from '../__testUtils__/googleApis';
import {
  datasetsAnswer,
  fieldRows,
  fieldsAnswer,
  tableRow,
  tablesAnswer,
} from '../__testUtils__/bigQueryAnswers';
import {
  datasetResource,
  PROJECT,
  tableResource,
} from '../__testUtils__/platform';
import { testProvisioner } from '../__testUtils__/testProvisioner';

const server = setupServer();
registerMswTestHooks(server);

function answerInformationSchema(options: { tables: string[] }) {
  server.use(
    http.get(`${BIGQUERY}/projects/${PROJECT}/datasets`, () =>
      json(datasetsAnswer(['events'])),
    ),
    http.post(
      `${BIGQUERY}/projects/${PROJECT}/queries`,
      async ({ request }) => {
        const body = (await request.json()) as any;
        if (body.query.includes('INFORMATION_SCHEMA.COLUMNS AS c')) {
          return json(fieldsAnswer(options.tables.flatMap(t => fieldRows(t))));
        }
        return json(tablesAnswer(options.tables.map(t => tableRow(t))));
      },
    ),
  );
}

describe('observing BigQuery', () => {
  beforeEach(() => {
    delete process.env.BIGQUERY_EMULATOR_HOST;
  });

  it('reads tables from datasets.list and two INFORMATION_SCHEMA queries, however many there are', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    answerInformationSchema({ tables: ['track_played', 'track_skipped'] });
    const tables = ['track_played', 'track_skipped', 'track_liked'].map(t =>
      tableResource(t),
    );

    const observed = await provisioner.observe([datasetResource(), ...tables], {
      logger,
    });

    expect(seen.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /bigquery/v2/projects/${PROJECT}/datasets`,
      `POST /bigquery/v2/projects/${PROJECT}/queries`,
      `POST /bigquery/v2/projects/${PROJECT}/queries`,
    ]);
    // Sent with the client's credentials, though not through its request path.
    expect(seen[1].headers.get('authorization')).toBe('Bearer test-token');
    const [tablesQuery, fieldsQuery] = seen.slice(1).map(r => r.body);
    expect(tablesQuery.location).toBe('EU');
    expect(tablesQuery.query).toContain(
      `\`${PROJECT}\`.\`region-eu\`.INFORMATION_SCHEMA.TABLE_OPTIONS`,
    );
    expect(fieldsQuery.query).toContain(
      'INFORMATION_SCHEMA.COLUMN_FIELD_PATHS',
    );
    expect(fieldsQuery.queryParameters).toEqual([
      {
        name: 'tables',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: {
          arrayValues: [
            { value: 'events.track_played' },
            { value: 'events.track_skipped' },
            { value: 'events.track_liked' },
          ],
        },
      },
    ]);
    expect([...observed.keys()].sort()).toEqual([
      `bigquery-dataset:${PROJECT}.events`,
      `bigquery-table:${PROJECT}.events.track_played`,
      `bigquery-table:${PROJECT}.events.track_skipped`,
    ]);
  });

  it('rebuilds nested fields, modes, partitioning, clustering, options and policy tags', async () => {
    const { provisioner, logger } = testProvisioner();
    answerInformationSchema({ tables: ['track_played'] });
    const table = tableResource();

    const observed = await provisioner.observe([table], { logger });

    const found = observed.get(table.id);
    expect(found).toMatchObject({
      type: 'bigquery-table',
      spec: {
        project: PROJECT,
        dataset: 'events',
        table: 'track_played',
        description: 'Every track played, as delivered',
        timePartitioning: { granularity: 'HOUR', field: 'event_time' },
        clustering: ['country'],
        partitionExpirationDays: 90,
        requirePartitionFilter: true,
        labels: table.spec.labels,
        policyTags: {
          user_id:
            'projects/tunewave-governance/locations/eu/taxonomies/1/policyTags/11',
        },
      },
    });
    expect(found!.spec).toHaveProperty('fields', [
      { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
      {
        name: 'user_id',
        type: 'STRING',
        mode: 'REQUIRED',
        description: 'Who played it',
        pii: 'pseudonymize',
      },
      { name: 'ms_played', type: 'INT64', mode: 'NULLABLE' },
      {
        name: 'context',
        type: 'RECORD',
        mode: 'NULLABLE',
        fields: [
          {
            name: 'device',
            type: 'RECORD',
            mode: 'NULLABLE',
            fields: [{ name: 'os', type: 'STRING', mode: 'NULLABLE' }],
          },
        ],
      },
      {
        name: 'tracks',
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [
          { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
          { name: 'position', type: 'INT64', mode: 'NULLABLE' },
        ],
      },
      { name: 'country', type: 'STRING', mode: 'NULLABLE' },
    ]);
    // As the catalog says: only the grants remain, access not being observed.
    const plan = planResource(table, found, provisioner.capabilities);
    expect(plan.changes.map(c => c.action)).toEqual(['grant', 'grant']);
    expect(plan.refusals).toEqual([]);
  });

  it('waits for a slow query and reads every page of its answer', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    const tables = ['track_played', 'track_skipped'];
    const job = { projectId: PROJECT, jobId: 'job_metadata_1', location: 'EU' };
    const page = (answer: any, pageToken?: string) => ({
      ...answer,
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: job,
      ...(pageToken ? { pageToken } : {}),
    });
    server.use(
      http.get(`${BIGQUERY}/projects/${PROJECT}/datasets`, () =>
        json(datasetsAnswer(['events'])),
      ),
      http.post(`${BIGQUERY}/projects/${PROJECT}/queries`, () =>
        json({
          kind: 'bigquery#queryResponse',
          jobReference: job,
          jobComplete: false,
        }),
      ),
      // The tables' rows on one page, the fields' on one page per table.
      http.get(
        `${BIGQUERY}/projects/${PROJECT}/queries/job_metadata_1`,
        ({ request }) => {
          const token = new URL(request.url).searchParams.get('pageToken');
          const fieldsQuery = seen.filter(r => r.method === 'POST').length > 1;
          if (!fieldsQuery) {
            return json(page(tablesAnswer(tables.map(t => tableRow(t)))));
          }
          const at = token ? tables.indexOf(token) : 0;
          return json(
            page(fieldsAnswer(fieldRows(tables[at])), tables[at + 1]),
          );
        },
      ),
    );

    const observed = await provisioner.observe(
      tables.map(t => tableResource(t)),
      { logger },
    );

    expect(
      seen.map(r => `${r.method} ${r.url.searchParams.get('pageToken') ?? ''}`),
    ).toEqual([
      'GET ', // datasets.list
      'POST ', // the tables' query, still running
      'GET ', // its answer
      'POST ', // the fields' query, still running
      'GET ', // the first page
      'GET track_skipped', // the second
    ]);
    expect(
      [...observed.values()].map(t =>
        t.type === 'bigquery-table' ? t.spec.fields.length : 0,
      ),
    ).toEqual([7, 7]);
  });

  it('finds nothing in a project that does not exist', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.get(`${BIGQUERY}/projects/${PROJECT}/datasets`, () =>
        googleError(404, `Not found: Project ${PROJECT}`, {
          reason: 'notFound',
          status: 'NOT_FOUND',
        }),
      ),
    );

    const observed = await provisioner.observe(
      [datasetResource(), tableResource()],
      { logger },
    );

    expect(observed.size).toBe(0);
    expect(seen).toHaveLength(1); // no query for tables of a missing dataset
  });

  it('reads each table policy when access is observed', async () => {
    const { provisioner, logger } = testProvisioner({ observeAccess: true });
    const seen = recordRequests(server);
    answerInformationSchema({ tables: ['track_played'] });
    server.use(
      http.post(
        `${BIGQUERY}/projects/${PROJECT}/datasets/events/tables/track_played\\:getIamPolicy`,
        () =>
          json({
            version: 1,
            etag: 'BwYF3ZJa2Tk=',
            bindings: [
              {
                role: 'roles/bigquery.dataViewer',
                members: ['group:analysts@tunewave.example'],
              },
              {
                role: 'roles/bigquery.dataEditor',
                members: ['user:ada@tunewave.example'],
              },
            ],
          }),
      ),
    );
    const table = tableResource();

    const observed = await provisioner.observe([table], { logger });

    expect(seen.filter(r => r.path.endsWith(':getIamPolicy'))).toHaveLength(1);
    expect(
      planResource(table, observed.get(table.id), provisioner.capabilities),
    ).toMatchObject({ action: 'none', changes: [] });
  });

  it('fails when the metadata cannot be read at all, naming the missing permission', async () => {
    const { provisioner, logger } = testProvisioner();
    server.use(
      http.get(`${BIGQUERY}/projects/${PROJECT}/datasets`, () =>
        json(datasetsAnswer(['events'])),
      ),
      http.post(`${BIGQUERY}/projects/${PROJECT}/queries`, () =>
        googleError(
          403,
          `Access Denied: Table ${PROJECT}:region-eu.INFORMATION_SCHEMA.TABLES: User does not have permission to query table ${PROJECT}:region-eu.INFORMATION_SCHEMA.TABLES, or perhaps it does not exist.`,
          { reason: 'accessDenied', status: 'PERMISSION_DENIED' },
        ),
      ),
    );

    await expect(
      provisioner.observe([tableResource()], { logger }),
    ).rejects.toThrow(/Access Denied/);
  });
});
