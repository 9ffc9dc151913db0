import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DataPlatformOpenLineageExtensionPoint,
  dataPlatformOpenLineageExtensionPoint,
  OpenLineageEventHandler,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { Knex } from 'knex';
import request from 'supertest';
import { dataPlatformPlugin } from '../../plugin';
import { bigquery, ndjson, runEvent } from './__fixtures__/events';

jest.setTimeout(60_000);

const ENDPOINT = '/api/data-platform/openlineage/api/v1/lineage';

type Seen = {
  job: string;
  eventType?: string;
  /** The run's state as the plugin's run recorder left it in the batch. */
  recordedRunState?: string;
};

/** Keeps what it sees of COMPLETE runs, as a forwarder would. */
class CompletedRunsHandler implements OpenLineageEventHandler {
  readonly name = 'test-completed-runs';
  readonly seen: Seen[] = [];

  async handle(events: ValidatedEvent[], tx: Knex.Transaction) {
    for (const e of events) {
      if (e.kind !== 'RunEvent' || e.event.eventType !== 'COMPLETE') continue;
      const run = await tx('health_runs')
        .where('run_id', e.event.run.runId)
        .first('state');
      this.seen.push({
        job: e.event.job.name,
        eventType: e.event.eventType,
        recordedRunState: run?.state,
      });
    }
  }
}

/** Refuses batches with events of a job while `refusing` is set. */
class RefusingHandler implements OpenLineageEventHandler {
  readonly name = 'test-refusing';
  refusing = true;

  constructor(private readonly job: string) {}

  async handle(events: ValidatedEvent[]) {
    if (
      this.refusing &&
      events.some(e => 'job' in e.event && e.event.job.name === this.job)
    ) {
      throw new Error(`refusing ${this.job}`);
    }
  }
}

describe('OpenLineage handlers added by a backend module', () => {
  const completed = new CompletedRunsHandler();
  const refusing = new RefusingHandler('plays-broken');
  let extensionPoint: DataPlatformOpenLineageExtensionPoint | undefined;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        catalogServiceMock.factory({ entities: [] }),
        createBackendModule({
          pluginId: 'data-platform',
          moduleId: 'test-openlineage-handlers',
          register(env) {
            env.registerInit({
              deps: { openLineage: dataPlatformOpenLineageExtensionPoint },
              async init({ openLineage }) {
                openLineage.addHandler(completed, refusing);
                extensionPoint = openLineage;
              },
            });
          },
        }),
      ],
    }));
  });

  const post = (events: object[]) =>
    request(server)
      .post(ENDPOINT)
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/x-ndjson')
      .send(ndjson(events));

  const graphOf = (job: string) =>
    request(server)
      .get('/api/data-platform/lineage/graph')
      .query({ node: `openlineage:job:airflow/${job}` })
      .set('Authorization', mockCredentials.service.header());

  it("see the posted events after the plugin's own handlers, in the batch's transaction", async () => {
    const response = await post([
      runEvent({
        eventType: 'START',
        job: { namespace: 'airflow', name: 'plays-daily' },
      }),
      runEvent({ job: { namespace: 'airflow', name: 'plays-daily' } }),
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: 2, accepted: 2, duplicates: 0 });
    expect(completed.seen).toEqual([
      {
        job: 'plays-daily',
        eventType: 'COMPLETE',
        recordedRunState: 'COMPLETE',
      },
    ]);
  });

  it('roll the whole batch back when one of them throws', async () => {
    const broken = runEvent({
      runId: '0193a3c6-6b1e-7b6c-9d6a-00000000b0b0',
      job: { namespace: 'airflow', name: 'plays-broken' },
      outputs: [bigquery('plays_broken')],
    });
    const before = completed.seen.length;

    const refused = await post([broken]);
    expect(refused.status).toBe(500);
    // The handler before the refusing one saw it; nothing of it was stored.
    expect(completed.seen.slice(before)).toEqual([
      {
        job: 'plays-broken',
        eventType: 'COMPLETE',
        recordedRunState: 'COMPLETE',
      },
    ]);
    expect((await graphOf('plays-broken')).status).toBe(404);

    refusing.refusing = false;
    const accepted = await post([broken]);
    expect(accepted.body).toEqual({ received: 1, accepted: 1, duplicates: 0 });
    expect((await graphOf('plays-broken')).status).toBe(200);
  });

  it('cannot be added once the plugin has started', () => {
    expect(() =>
      extensionPoint!.addHandler({ name: 'late', handle: async () => {} }),
    ).toThrow(
      "Cannot add OpenLineage handler 'late': the data-platform plugin has started",
    );
  });
});
