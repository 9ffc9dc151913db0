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
import { liveTable } from '../__testUtils__/bigQueryAnswers';
import {
  datasetResource,
  observedTrackPlayed,
  POLICY_TAGS,
  PROJECT,
  tableResource,
} from '../__testUtils__/platform';
import { testProvisioner } from '../__testUtils__/testProvisioner';

const server = setupServer();
registerMswTestHooks(server);

const TABLES = `${BIGQUERY}/projects/${PROJECT}/datasets/events/tables`;
const TABLE = `${TABLES}/track_played`;
const DAY_MS = 86_400_000;

const policy = (etag: string, bindings: object[] = []) =>
  json({ version: 1, etag, bindings });

describe('applying BigQuery datasets and tables', () => {
  beforeEach(() => {
    delete process.env.BIGQUERY_EMULATOR_HOST;
  });

  it('creates a dataset in the configured location, and takes an existing one as created', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.post(`${BIGQUERY}/projects/${PROJECT}/datasets`, () =>
        googleError(409, `Already Exists: Dataset ${PROJECT}:events`, {
          reason: 'duplicate',
          status: 'ALREADY_EXISTS',
        }),
      ),
    );
    const desired = datasetResource();

    const { results } = await provisioner.apply({
      desired,
      plan: planResource(desired, undefined, provisioner.capabilities),
      logger,
    });

    expect(results).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(seen[0].body).toEqual({
      datasetReference: { datasetId: 'events' },
      location: 'EU',
      labels: { 'managed-by': 'backstage-data-platform' },
    });
  });

  it('creates a table as the catalog describes it, then grants its readers and writers', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.post(TABLES, async ({ request }) =>
        json({ ...((await request.json()) as object), etag: 'etag-new' }),
      ),
      http.post(`${TABLE}\\:getIamPolicy`, () => policy('BwX1')),
      http.post(`${TABLE}\\:setIamPolicy`, async ({ request }) =>
        json(((await request.json()) as any).policy),
      ),
    );
    const desired = tableResource();

    const { results } = await provisioner.apply({
      desired,
      plan: planResource(desired, undefined, provisioner.capabilities),
      logger,
    });

    expect(results).toEqual([
      expect.objectContaining({
        status: 'applied',
        change: expect.objectContaining({ action: 'create' }),
      }),
    ]);
    expect(seen.map(r => `${r.method} ${r.path}`)).toEqual([
      `POST /bigquery/v2/projects/${PROJECT}/datasets/events/tables`,
      `POST /bigquery/v2/projects/${PROJECT}/datasets/events/tables/track_played:getIamPolicy`,
      `POST /bigquery/v2/projects/${PROJECT}/datasets/events/tables/track_played:setIamPolicy`,
    ]);
    expect(seen[0].body).toEqual({
      tableReference: {
        projectId: PROJECT,
        datasetId: 'events',
        tableId: 'track_played',
      },
      description: 'Every track played, as delivered',
      schema: {
        fields: [
          { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
          { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
          {
            name: 'user_id',
            type: 'STRING',
            mode: 'REQUIRED',
            description: 'Who played it',
            policyTags: { names: [POLICY_TAGS.pseudonymize] },
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
        ],
      },
      timePartitioning: {
        type: 'HOUR',
        field: 'event_time',
        expirationMs: String(90 * DAY_MS),
      },
      requirePartitionFilter: true,
      clustering: { fields: ['country'] },
      labels: desired.spec.labels,
    });
    expect(seen[2].body).toEqual({
      policy: {
        version: 1,
        etag: 'BwX1',
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
      },
    });
  });

  it('takes a table that already exists as created and still grants access', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    server.use(
      http.post(TABLES, () =>
        googleError(
          409,
          `Already Exists: Table ${PROJECT}:events.track_played`,
          {
            reason: 'duplicate',
            status: 'ALREADY_EXISTS',
          },
        ),
      ),
      http.post(`${TABLE}\\:getIamPolicy`, () =>
        policy('BwX2', [
          {
            role: 'roles/bigquery.dataViewer',
            members: ['group:analysts@tunewave.example'],
          },
          {
            role: 'roles/bigquery.dataEditor',
            members: ['user:ada@tunewave.example'],
          },
        ]),
      ),
    );
    const desired = tableResource();

    const { results } = await provisioner.apply({
      desired,
      plan: planResource(desired, undefined, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => r.status)).toEqual(['applied']);
    // Access already as the catalog says: the policy is read, not written.
    expect(seen.map(r => r.path.split('/').pop())).toEqual([
      'tables',
      'track_played:getIamPolicy',
    ]);
  });

  it("coalesces a table's changes into one patch sent with the etag, and patches again once when it was stale", async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    let reads = 0;
    let patches = 0;
    server.use(
      http.get(TABLE, () => json(liveTable(`etag-${++reads}`))),
      http.patch(TABLE, ({ request }) => {
        patches++;
        if (request.headers.get('if-match') === 'etag-1') {
          return googleError(412, 'Precondition check failed.', {
            reason: 'conditionNotMet',
            status: 'FAILED_PRECONDITION',
          });
        }
        return json(liveTable('etag-3'));
      }),
    );
    const desired = tableResource();
    desired.spec.partitionExpirationDays = 400;
    desired.spec.labels = { ...desired.spec.labels, system: 'audio' };
    const observed = observedTrackPlayed();
    const plan = planResource(desired, observed, provisioner.capabilities);
    expect(plan.changes.map(c => c.action)).toEqual([
      'add-column',
      'set-clustering',
      'set-partition-expiration',
      'set-labels',
    ]);

    const { results } = await provisioner.apply({
      desired,
      observed,
      plan,
      logger,
    });

    expect(results.map(r => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect(seen.map(r => r.method)).toEqual(['GET', 'PATCH', 'GET', 'PATCH']);
    expect(patches).toBe(2);
    const patch = seen[3];
    expect(patch.headers.get('if-match')).toBe('etag-2');
    const live = liveTable();
    expect(patch.body).toEqual({
      etag: 'etag-2',
      schema: {
        fields: [
          ...live.schema.fields,
          { name: 'country', type: 'STRING', mode: 'NULLABLE' },
        ],
      },
      clustering: { fields: ['country'] },
      timePartitioning: {
        type: 'HOUR',
        field: 'event_time',
        expirationMs: String(400 * DAY_MS),
      },
      labels: { ...live.labels, system: 'audio' },
    });
  });

  it('patches nothing when the table is already as planned', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    const live = liveTable();
    live.schema.fields.push({
      name: 'country',
      type: 'STRING',
      mode: 'NULLABLE',
    });
    live.clustering = { fields: ['country'] };
    server.use(http.get(TABLE, () => json(live)));
    const desired = tableResource();
    const observed = observedTrackPlayed();

    const { results } = await provisioner.apply({
      desired,
      observed,
      plan: planResource(desired, observed, provisioner.capabilities),
      logger,
    });

    expect(results).toEqual([
      expect.objectContaining({ status: 'skipped', message: 'already so' }),
      expect.objectContaining({ status: 'skipped', message: 'already so' }),
    ]);
    expect(seen.map(r => r.method)).toEqual(['GET']);
  });

  it('reports a refused patch with the permission and role the service account lacks', async () => {
    const { provisioner, logger } = testProvisioner();
    server.use(
      http.get(TABLE, () => json(liveTable())),
      http.patch(TABLE, () =>
        googleError(
          403,
          `Access Denied: Table ${PROJECT}:events.track_played: Permission bigquery.tables.update denied on table ${PROJECT}:events.track_played (or it may not exist).`,
          { reason: 'accessDenied', status: 'PERMISSION_DENIED' },
        ),
      ),
    );
    const desired = tableResource();
    const observed = observedTrackPlayed();

    const { results } = await provisioner.apply({
      desired,
      observed,
      plan: planResource(desired, observed, provisioner.capabilities),
      logger,
    });

    expect(results.map(r => r.status)).toEqual(['failed', 'failed']);
    expect(results[0].message).toMatch(
      /^Could not update the table tunewave-raw\.events\.track_played: the provisioner's service account lacks bigquery\.tables\.update \(grant it roles\/bigquery\.dataEditor on the dataset/,
    );
  });

  it('retries a rate limit, and reports a server error that lasts after the attempts', async () => {
    const { provisioner, clock, logger } = testProvisioner();
    const seen = recordRequests(server);
    let patches = 0;
    server.use(
      http.get(TABLE, () => json(liveTable())),
      http.patch(TABLE, () => {
        patches++;
        return patches === 1
          ? googleError(
              403,
              'Exceeded rate limits: too many table update operations for this table.',
              { reason: 'rateLimitExceeded' },
            )
          : googleError(503, 'The service is currently unavailable.', {
              reason: 'backendError',
              status: 'UNAVAILABLE',
            });
      }),
    );
    const desired = tableResource();
    const observed = observedTrackPlayed();

    const { results } = await provisioner.apply({
      desired,
      observed,
      plan: planResource(desired, observed, provisioner.capabilities),
      logger,
    });

    expect(seen.filter(r => r.method === 'PATCH')).toHaveLength(3);
    expect(clock.sleeps).toEqual([50, 100]);
    expect(results[0]).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(
        /kept failing after several attempts; apply again later\. Google said: The service is currently unavailable\./,
      ),
    });
  });

  it('spaces the sixth patch of one table until ten seconds after the first', async () => {
    const { provisioner, clock, logger } = testProvisioner();
    const seen = recordRequests(server, clock);
    server.use(
      http.get(TABLE, () => json(liveTable())),
      http.patch(TABLE, () => json(liveTable('etag-2'))),
    );
    const desired = tableResource();
    const observed = observedTrackPlayed();
    const plan = planResource(desired, observed, provisioner.capabilities);
    const start = clock.now();

    for (let i = 0; i < 6; i++) {
      const { results } = await provisioner.apply({
        desired,
        observed,
        plan,
        logger,
      });
      expect(results.every(r => r.status === 'applied')).toBe(true);
    }

    const patchTimes = seen
      .filter(r => r.method === 'PATCH')
      .map(r => r.at - start);
    expect(patchTimes).toEqual([0, 0, 0, 0, 0, 10_000]);
  });

  it('grants and revokes in one policy update, reading again when the policy changed meanwhile', async () => {
    const { provisioner, logger } = testProvisioner();
    const seen = recordRequests(server);
    let reads = 0;
    server.use(
      http.post(`${TABLE}\\:getIamPolicy`, () =>
        policy(`BwX${++reads}`, [
          {
            role: 'roles/bigquery.dataViewer',
            members: [
              'group:analysts@tunewave.example',
              'user:eve@tunewave.example',
            ],
          },
          {
            role: 'roles/bigquery.admin',
            members: ['group:platform@tunewave.example'],
          },
        ]),
      ),
      http.post(`${TABLE}\\:setIamPolicy`, async ({ request }) => {
        const body = (await request.json()) as any;
        if (body.policy.etag === 'BwX1') {
          return googleError(
            409,
            'There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.',
            {
              status: 'ABORTED',
            },
          );
        }
        return json(body.policy);
      }),
    );
    const desired = tableResource();
    desired.spec.access.readers.push({
      ref: 'group:default/royalties',
      email: 'royalties@tunewave.example',
    });
    const observed = observedTrackPlayed();
    observed.spec.clustering = ['country'];
    observed.spec.fields = desired.spec.fields;
    observed.spec.labels = desired.spec.labels;
    observed.spec.bindings = {
      'roles/bigquery.dataViewer': [
        'group:analysts@tunewave.example',
        'user:eve@tunewave.example',
      ],
    };
    const plan = planResource(desired, observed, provisioner.capabilities);
    expect(plan.changes.map(c => c.description)).toEqual([
      'grant roles/bigquery.dataViewer to group:royalties@tunewave.example',
      'revoke roles/bigquery.dataViewer from user:eve@tunewave.example',
      'grant roles/bigquery.dataEditor to user:ada@tunewave.example',
    ]);

    const { results } = await provisioner.apply({
      desired,
      observed,
      plan,
      logger,
    });

    expect(results.map(r => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(seen.map(r => r.path.split(':').pop())).toEqual([
      'getIamPolicy',
      'setIamPolicy',
      'getIamPolicy',
      'setIamPolicy',
    ]);
    expect(seen[3].body.policy).toEqual({
      version: 1,
      etag: 'BwX2',
      bindings: [
        {
          role: 'roles/bigquery.dataViewer',
          members: [
            'group:analysts@tunewave.example',
            'group:royalties@tunewave.example',
          ],
        },
        {
          role: 'roles/bigquery.admin',
          members: ['group:platform@tunewave.example'],
        },
        {
          role: 'roles/bigquery.dataEditor',
          members: ['user:ada@tunewave.example'],
        },
      ],
    });
  });
});
