import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { parseCatalogYaml } from '../services/catalogFile';
import {
  renderEvolvedEventType,
  renderNewEventType,
  toCatalogYaml,
} from '../services/renderEventType';
import {
  desiredOf,
  observedAsDesired,
  startDataPlatformBackend,
} from '../testing/dataPlatformBackend';
import { playlistFollowed } from '../testing/eventTypes';
import { createProvisioningApplyAction } from './provisioningApply';
import { examples } from './provisioningApply.examples';

const exampleInput = (index: number) =>
  parse(examples[index].example).steps[0].input;

/** What dataplatform:eventType:render writes for a new playlist-followed. */
const renderedYaml = toCatalogYaml(
  renderNewEventType(
    {
      name: 'playlist-followed',
      namespace: 'default',
      description: 'A listener followed a playlist.',
      owner: 'group:default/playback',
      lifecycle: 'experimental',
      partitioning: 'HOUR',
      retentionDays: 90,
      fields: playlistFollowed().spec.schema.fields,
      now: new Date('2025-06-01T12:00:00.000Z'),
    },
    {
      pubsubProject: 'tunewave-events',
      bigqueryProject: 'tunewave-raw',
      bigqueryDataset: 'events',
      topicRetentionDays: 7,
    },
  ),
);
/** The rendered entities as the catalog returns them once processed. */
const registered = parseCatalogYaml(renderedYaml, 'rendered').map(e => ({
  ...e,
  metadata: { namespace: 'default', ...e.metadata },
}));

const TABLE = 'bigquery-table:tunewave-raw.events.playlist_followed';
const DATASET = 'bigquery-dataset:tunewave-raw.events';
const DELIVERY =
  'delivery:tunewave-events/playlist-followed.delivery.playlist_followed';

/** The next revision of playlist-followed with more (nullable STRING) fields. */
const evolvedPlaylistFollowed = (added: string[]) =>
  renderEvolvedEventType({
    current: playlistFollowed(),
    fields: [
      ...playlistFollowed().spec.schema.fields,
      ...added.map(name => ({ name, type: 'STRING' as const })),
    ],
    comment: 'Add where the follow button was',
    now: new Date('2025-06-02T12:00:00.000Z'),
  });

/** What the local warehouse has after provisioning revision 1. */
const provisionedAtRevision1 = () =>
  desiredOf(registered)
    .filter(r => r.type !== 'pubsub-topic' && r.type !== 'pubsub-schema')
    .map(observedAsDesired);

/** A catalog that shows the entities after `appearsAfter` lookups of each. */
function catalogShowing(entities: Entity[], appearsAfter = 0) {
  const lookups = new Map<string, number>();
  return catalogServiceMock.mock({
    getEntityByRef: jest.fn(async (ref: any) => {
      const seen = (lookups.get(ref) ?? 0) + 1;
      lookups.set(ref, seen);
      if (seen <= appearsAfter) return undefined;
      return entities.find(e => stringifyEntityRef(e) === ref);
    }),
    refreshEntity: jest.fn(async () => undefined),
  });
}

/** Checkpoints as the scaffolder keeps them: a successful one is not run again. */
function checkpointState() {
  const state = new Map<string, unknown>();
  return {
    state,
    async checkpoint({ key, fn }: { key: string; fn: () => Promise<any> }) {
      if (state.has(key)) return state.get(key);
      const value = await fn();
      state.set(key, value ?? {});
      return value;
    },
  };
}

describe('dataplatform:provisioning:apply', () => {
  let backend: Awaited<ReturnType<typeof startDataPlatformBackend>>;
  afterEach(() => backend?.close());

  async function run(
    input: Record<string, unknown>,
    options: {
      catalog?: ReturnType<typeof catalogShowing>;
      isDryRun?: boolean;
      checkpoints?: ReturnType<typeof checkpointState>;
      logger?: ReturnType<typeof mockServices.logger.mock>;
    } = {},
  ) {
    const action = createProvisioningApplyAction({
      catalog: options.catalog ?? catalogShowing(registered),
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => backend.baseUrl,
      }),
      auth: mockServices.auth(),
      pollIntervalMs: 1,
    });
    const checkpoints = options.checkpoints ?? checkpointState();
    // createMockActionContext drops isDryRun; a logger mock records what
    // the user sees in the task log.
    const ctx = {
      ...createMockActionContext({
        input: { timeoutSeconds: 5, ...input } as any,
        logger: options.logger ?? mockServices.logger.mock(),
      }),
      checkpoint: checkpoints.checkpoint,
      isDryRun: options.isDryRun,
    };
    await action.handler(ctx as any);
    return ctx;
  }
  const logged = (ctx: { logger: any }) =>
    (ctx.logger.info as jest.Mock).mock.calls.map(c => c[0]);

  it('example 1, dry run: prints the plan of the rendered entities, resource by resource', async () => {
    backend = await startDataPlatformBackend({ catalog: [] });
    const ctx = await run(
      { ...exampleInput(0), renderedYaml },
      { catalog: catalogShowing([]), isDryRun: true },
    );
    const [planRequest] = backend.requests;
    expect(planRequest.path).toBe('/provisioning/plan');
    expect(planRequest.body.entities.map(stringifyEntityRef)).toEqual(
      registered.map(e => stringifyEntityRef(e)),
    );
    expect(logged(ctx)).toEqual(
      expect.arrayContaining([
        '[dry run] Provisioning plan: 5 resource(s): 3 to create, 2 unmanaged',
        `${DATASET} (BigQuery dataset in the local warehouse): to create`,
        '  create bigquery-dataset: create tunewave-raw.events',
        `${TABLE} (BigQuery table in the local warehouse): to create`,
        '  create bigquery-table: create tunewave-raw.events.playlist_followed',
        'pubsub-topic:tunewave-events/playlist-followed (Pub/Sub topic): unmanaged, no provisioner installed in this portal creates a Pub/Sub topic; it is listed, not created',
      ]),
    );
    expect(
      logged(ctx).indexOf(
        `${DATASET} (BigQuery dataset in the local warehouse): to create`,
      ),
    ).toBeLessThan(
      logged(ctx).indexOf(
        `${TABLE} (BigQuery table in the local warehouse): to create`,
      ),
    );
    expect(backend.applied).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('applied', 0);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      '5 resource(s): 3 to create, 2 unmanaged',
    );
  });

  it('example 1: waits for the registered entities, then applies each resource once, as the user', async () => {
    backend = await startDataPlatformBackend({ catalog: registered });
    const catalog = catalogShowing(registered, 2);
    const checkpoints = checkpointState();
    const ctx = await run(
      { ...exampleInput(0), renderedYaml },
      { catalog, checkpoints },
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'dataendpoint:default/playlist-followed-raw',
      expect.anything(),
    );
    expect(backend.applied).toEqual([DATASET, TABLE, DELIVERY]);
    expect([...checkpoints.state.keys()]).toEqual(
      [DATASET, TABLE, DELIVERY].map(id =>
        expect.stringMatching(
          new RegExp(`^provision-${id.replace(/[.]/g, '\\.')}-[0-9a-f]{16}$`),
        ),
      ),
    );
    const applies = backend.requests.filter(r => r.path.endsWith('/apply'));
    expect(applies.map(r => r.body)).toEqual(
      [DATASET, TABLE, DELIVERY].map(id => ({
        resources: [id],
        trigger: 'scaffolder',
      })),
    );
    expect(new Set(backend.requests.map(r => r.authorization))).toEqual(
      new Set([
        `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.user(),
          targetPluginId: 'data-platform',
        })}`,
      ]),
    );
    expect(logged(ctx)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Waiting for the catalog to show /),
        `created ${TABLE}`,
        `created ${DELIVERY}`,
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith('applied', 3);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      '5 resource(s): 3 in sync, 2 unmanaged',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'infrastructureUrl',
      '/catalog/default/eventtype/playlist-followed/infrastructure',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'resources',
      expect.arrayContaining([
        {
          id: TABLE,
          type: 'bigquery-table',
          entityRef: 'dataendpoint:default/playlist-followed-raw',
          state: 'in-sync',
        },
      ]),
    );
  });

  it('applies nothing again when a retried task has the checkpoints of the first run', async () => {
    // A backend that keeps answering "pending": only the checkpoints stop a second apply.
    backend = await startDataPlatformBackend({ catalog: registered });
    const checkpoints = checkpointState();
    await run({ ...exampleInput(0), renderedYaml }, { checkpoints });
    await backend.close();
    backend = await startDataPlatformBackend({ catalog: registered });
    const ctx = await run(
      { ...exampleInput(0), renderedYaml },
      { checkpoints },
    );
    expect(backend.applied).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('applied', 3);
  });

  it('waits for an evolved event type at its new revision, then applies the changes', async () => {
    const evolved = evolvedPlaylistFollowed(['source']);
    backend = await startDataPlatformBackend({
      catalog: [evolved, ...registered.slice(1)],
      observed: provisionedAtRevision1(),
    });
    let lookups = 0;
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () =>
        ++lookups > 3 ? evolved : registered[0],
      ),
      refreshEntity: jest.fn(async () => undefined),
    });
    const ctx = await run(
      {
        entityRefs: ['eventtype:default/playlist-followed'],
        renderedYaml: toCatalogYaml([evolved]),
      },
      { catalog },
    );
    expect(lookups).toBe(4);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'eventtype:default/playlist-followed',
      expect.anything(),
    );
    expect(backend.applied).toEqual([TABLE, DELIVERY]);
    expect(logged(ctx)).toEqual(
      expect.arrayContaining([
        `${TABLE}: applied add-column columns.source: added (NULLABLE STRING)`,
      ]),
    );
  });

  it('reports a partial failure: logs the failed change, keeps the others applied, fails the step', async () => {
    const evolved = evolvedPlaylistFollowed(['source', 'position']);
    backend = await startDataPlatformBackend({
      catalog: [evolved, ...registered.slice(1)],
      observed: provisionedAtRevision1(),
      failing: { 'columns.position': 'column quota exceeded' },
    });
    const logger = mockServices.logger.mock();
    await expect(
      run(
        {
          entityRefs: ['eventtype:default/playlist-followed'],
          renderedYaml: toCatalogYaml([evolved]),
        },
        { catalog: catalogShowing([evolved, ...registered.slice(1)]), logger },
      ),
    ).rejects.toThrow(
      `Provisioning failed: ${TABLE}: add-column columns.position: column quota exceeded. The other changes stay applied`,
    );
    expect(logger.info).toHaveBeenCalledWith(
      `${TABLE}: applied add-column columns.source: added (NULLABLE STRING)`,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      `${TABLE}: failed add-column columns.position: column quota exceeded`,
    );
    // The table exists: the delivery to it is applied all the same.
    expect(backend.applied).toEqual([TABLE, DELIVERY]);
  });

  it('names the entities the catalog does not show after the wait', async () => {
    backend = await startDataPlatformBackend({ catalog: registered });
    await expect(
      run(
        { ...exampleInput(0), renderedYaml, timeoutSeconds: 1 },
        { catalog: catalogShowing([]) },
      ),
    ).rejects.toThrow(
      "eventtype:default/playlist-followed is not in the catalog, dataendpoint:default/playlist-followed-topic is not in the catalog, dataendpoint:default/playlist-followed-raw is not in the catalog after 1s; look for processing errors of the registered file (the catalog's unprocessed entities)",
    );
    expect(backend.requests).toEqual([]);
  });

  it("fails with the backend's message when the user may not apply (403)", async () => {
    const message =
      'Only the owners of eventtype:default/playlist-followed or holders of dataplatform.provisioning.apply may apply its provisioning';
    backend = await startDataPlatformBackend({
      catalog: registered,
      denyApply: message,
    });
    await expect(run({ ...exampleInput(0), renderedYaml })).rejects.toThrow(
      message,
    );
    expect(backend.applied).toEqual([]);
  });

  it('skips what needs a resource whose creation failed', async () => {
    backend = await startDataPlatformBackend({
      catalog: registered,
      failing: { 'bigquery-table': 'permission denied on dataset events' },
    });
    const checkpoints = checkpointState();
    const logger = mockServices.logger.mock();
    await expect(
      run({ ...exampleInput(0), renderedYaml }, { checkpoints, logger }),
    ).rejects.toThrow(
      `Provisioning failed: ${TABLE}: create bigquery-table: permission denied on dataset events. The other changes stay applied`,
    );
    // The delivery needs the table: it is not tried; the dataset stays.
    expect(backend.applied).toEqual([DATASET, TABLE]);
    // A failed apply keeps no checkpoint: a retried task tries it again.
    expect([...checkpoints.state.keys()]).toEqual([
      expect.stringContaining(DATASET),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      `${TABLE}: failed create bigquery-table: permission denied on dataset events`,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      `${DELIVERY}: skipped, ${TABLE} could not be created`,
    );
  });

  it('example 2: provisions entities already in the catalog', async () => {
    const daily = {
      ...registered[2],
      metadata: { ...registered[2].metadata, name: 'playlist-follows-daily' },
      spec: {
        ...(registered[2].spec as any),
        location: {
          project: 'tunewave-raw',
          dataset: 'events',
          table: 'playlist_follows_daily',
        },
      },
    };
    backend = await startDataPlatformBackend({
      catalog: [...registered, daily],
    });
    const ctx = await run(exampleInput(1), {
      catalog: catalogShowing([...registered, daily]),
    });
    expect(backend.applied).toEqual(
      expect.arrayContaining([
        TABLE,
        'bigquery-table:tunewave-raw.events.playlist_follows_daily',
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'infrastructureUrl',
      '/catalog/default/eventtype/playlist-followed/infrastructure',
    );
  });
});
