import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataPlatform from '@dataplatform/backstage-plugin-catalog-backend-module-data-platform';
import type {
  ColumnLineage,
  LineageGraph,
  LineagePath,
} from '@dataplatform/backstage-plugin-data-platform-common';
import request from 'supertest';
import { dataPlatformPlugin } from '../plugin';
import {
  entityProviderModule,
  providedEntity,
} from '../services/CatalogSync/__testUtils__/entityProviderModule';
import { restrictedLabelReadsFactory } from '../services/LineageIndex/__testUtils__/restrictedLabelReads';

jest.setTimeout(120_000);

/*
 * A real catalog applying a conditional read decision: users may read only
 * the catalog entities without the `restricted` label, as a company's policy
 * might say. Lineage must show a user no more of the catalog than the
 * catalog shows them; services see everything.
 */

const apiVersion = 'dataplatform.io/v1alpha1';
const spec = { owner: 'group:default/listening', lifecycle: 'production' };
const endpoint = (name: string, labels?: Record<string, string>): Entity => ({
  apiVersion,
  kind: 'DataEndpoint',
  metadata: { name, labels },
  spec: {
    ...spec,
    type: 'bigquery-table',
    location: { project: 'acme-data', dataset: 'music', table: name },
  },
});
const pipeline = (
  name: string,
  inputs: string[],
  outputs: string[],
  labels?: Record<string, string>,
): Entity => ({
  apiVersion,
  kind: 'Pipeline',
  metadata: { name, labels },
  spec: {
    ...spec,
    engine: 'dataflow',
    schedule: { type: 'streaming' },
    inputs,
    outputs,
  },
});

// plays-raw -> clean-plays -> plays-clean -> payroll-join (restricted)
//   -> royalties (restricted) -> royalty-report -> royalty-summary
// plays-clean -> top-tracks -> top-tracks-daily
const restricted = { restricted: 'true' };
const entities: Entity[] = [
  endpoint('plays-raw'),
  pipeline('clean-plays', ['plays-raw'], ['plays-clean']),
  endpoint('plays-clean'),
  pipeline('payroll-join', ['plays-clean'], ['royalties'], restricted),
  endpoint('royalties', restricted),
  pipeline('royalty-report', ['royalties'], ['royalty-summary']),
  endpoint('royalty-summary'),
  pipeline('top-tracks', ['plays-clean'], ['top-tracks-daily']),
  endpoint('top-tracks-daily'),
];
const ref = (kind: string, name: string) => `${kind}:default/${name}`;
// How long the catalog's answers are used (the default).
const DECISION_TTL_MS = 2000;
const provider = entityProviderModule('read-access-test', entities);

describe('lineage answers and the catalog read permission', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const user = `Bearer ${mockCredentials.user.token('user:default/alice')}`;
  const service = `Bearer ${mockCredentials.service.token()}`;
  const get = <T>(path: string, authorization: string) =>
    request(server)
      .get(`/api/data-platform/lineage/${path}`)
      .set('authorization', authorization)
      .then(res => ({ status: res.status, body: res.body as T }));

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataPlatform,
        provider.module,
        restrictedLabelReadsFactory,
        schedulerServiceFactory,
        dataPlatformPlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Pipeline', 'DataEndpoint'] }],
            },
            dataPlatform: {
              lineage: { catalogSyncInterval: { seconds: 1 } },
              readAccess: { decisionTtl: { milliseconds: DECISION_TTL_MS } },
              health: { sweepInterval: 'P1D' },
            },
          },
        }),
      ],
    }));
    // The catalog processes the entities, then the lineage sync reads them.
    const fullyIndexed = async () => {
      const { status, body } = await get<LineageGraph>(
        `graph?node=${ref('dataendpoint', 'plays-clean')}&depth=4&maxNodes=100`,
        service,
      );
      return status === 200 && body.nodes.length === entities.length;
    };
    for (let tries = 0; !(await fullyIndexed()); tries++) {
      if (tries > 200) throw new Error('the lineage index never caught up');
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });

  it('leaves out of a graph what the user may not read, and what lies only beyond it', async () => {
    const { status, body } = await get<LineageGraph>(
      `graph?node=${ref('dataendpoint', 'plays-clean')}&depth=4&maxNodes=100`,
      user,
    );
    expect(status).toBe(200);
    expect(body.nodes.map(n => n.id).sort()).toEqual(
      [
        ref('dataendpoint', 'plays-raw'),
        ref('pipeline', 'clean-plays'),
        ref('dataendpoint', 'plays-clean'),
        ref('pipeline', 'top-tracks'),
        ref('dataendpoint', 'top-tracks-daily'),
      ].sort(),
    );
    // payroll-join and royalties, then royalty-report and its summary.
    expect(body.hiddenNodes).toBe(4);
    expect(
      body.edges.every(
        e => !e.from.includes('payroll') && !e.to.includes('payroll'),
      ),
    ).toBe(true);
    // plays-clean feeds two pipelines in the index; one of them is shown.
    const playsClean = body.nodes.find(
      n => n.id === ref('dataendpoint', 'plays-clean'),
    )!;
    expect(playsClean.downstreamCount).toBe(1);

    // A service (a scheduler, another plugin) reads the whole index.
    const whole = await get<LineageGraph>(
      `graph?node=${ref('dataendpoint', 'plays-clean')}&depth=4&maxNodes=100`,
      service,
    );
    expect(whole.body.nodes).toHaveLength(entities.length);
    expect(whole.body.hiddenNodes).toBeUndefined();
  });

  it('answers 404 for a node the user may not read, as for an unknown one', async () => {
    const graph = await get<LineageGraph>(
      `graph?node=${ref('dataendpoint', 'royalties')}`,
      user,
    );
    expect(graph.status).toBe(404);
    const columns = await get<ColumnLineage>(
      `recorded-columns?node=${ref('dataendpoint', 'royalties')}`,
      user,
    );
    expect(columns.status).toBe(404);
    const readable = await get<ColumnLineage>(
      `recorded-columns?node=${ref('dataendpoint', 'plays-clean')}`,
      user,
    );
    expect(readable.status).toBe(200);
  });

  it('gives no path through what the user may not read, and says why', async () => {
    const path = await get<LineagePath>(
      `path?from=${ref('dataendpoint', 'plays-raw')}&to=${ref(
        'dataendpoint',
        'royalty-summary',
      )}`,
      user,
    );
    expect(path.status).toBe(200);
    expect(path.body).toMatchObject({ path: [], nodes: [], hiddenNodes: 2 });
    const open = await get<LineagePath>(
      `path?from=${ref('dataendpoint', 'plays-raw')}&to=${ref(
        'dataendpoint',
        'top-tracks-daily',
      )}`,
      user,
    );
    expect(open.body.path).toHaveLength(5);
  });

  it('finds only what the user may read', async () => {
    const hits = await get<{ nodes: { id: string }[] }>('search?q=roy', user);
    expect(hits.body.nodes.map(n => n.id)).toEqual([
      ref('pipeline', 'royalty-report'),
      ref('dataendpoint', 'royalty-summary'),
    ]);
    const all = await get<{ nodes: { id: string }[] }>('search?q=roy', service);
    expect(all.body.nodes).toHaveLength(3);
    // The first hit by title is the royalties table: the next one fills in.
    const first = await get<{ nodes: { id: string }[] }>(
      'search?q=roy&limit=1',
      user,
    );
    expect(first.body.nodes.map(n => n.id)).toEqual([
      ref('pipeline', 'royalty-report'),
    ]);
  });

  it('stops showing an entity within the decision window once the catalog hides it', async () => {
    const topTracksDaily = ref('dataendpoint', 'top-tracks-daily');
    const shown = async () => {
      const { body } = await get<LineageGraph>(
        `graph?node=${ref('pipeline', 'top-tracks')}&depth=1`,
        user,
      );
      return body.nodes.some(n => n.id === topTracksDaily);
    };
    expect(await shown()).toBe(true);

    // The table gets the label that hides it from users.
    const connection = await provider.connection;
    await connection.applyMutation({
      type: 'delta',
      added: [
        providedEntity(
          endpoint('top-tracks-daily', restricted),
          'read-access-test',
        ),
      ],
      removed: [],
    });
    const catalogHides = async () => {
      const res = await request(server)
        .post('/api/catalog/entities/by-refs')
        .set('authorization', user)
        .send({ entityRefs: [topTracksDaily] });
      return res.status === 200 && res.body.items[0] === null;
    };
    for (let tries = 0; !(await catalogHides()); tries++) {
      if (tries > 400) throw new Error('the catalog never hid the table');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const hiddenAt = Date.now();

    // Lineage may show it until the answers asked before are used up, and
    // not a moment longer.
    while (Date.now() - hiddenAt < DECISION_TTL_MS) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(await shown()).toBe(false);
    const graph = await get<LineageGraph>(
      `graph?node=${ref('pipeline', 'top-tracks')}&depth=1`,
      user,
    );
    expect(graph.body.hiddenNodes).toBe(1);
    // The service still sees it.
    const whole = await get<LineageGraph>(
      `graph?node=${ref('pipeline', 'top-tracks')}&depth=1`,
      service,
    );
    expect(whole.body.nodes.map(n => n.id)).toContain(topTracksDaily);
  });
});
