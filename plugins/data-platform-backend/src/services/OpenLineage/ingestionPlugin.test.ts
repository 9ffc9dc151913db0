import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { dataPlatformPlugin } from '../../plugin';
import { bigquery, ndjson, runEvent } from './__fixtures__/events';

jest.setTimeout(60_000);

const ENDPOINT = '/api/data-platform/openlineage/api/v1/lineage';
const scratch = {
  namespace: 'bigquery',
  name: 'tunewave-scratch.tmp.plays_sample',
};
const seeded = runEvent({
  inputs: [bigquery('plays_hourly')],
  outputs: [scratch],
});

describe('OpenLineage ingestion in the data-platform plugin', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    const seedFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'ol-plugin-')),
      'events.ndjson',
    );
    fs.writeFileSync(seedFile, ndjson([seeded]));
    ({ server } = await startTestBackend({
      features: [
        dataPlatformPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            dataPlatform: {
              openLineage: { seedFiles: [seedFile], maxBodySize: '4kb' },
            },
          },
        }),
      ],
    }));
  });

  it('has loaded the configured seed file on start', async () => {
    const response = await request(server)
      .get('/api/data-platform/lineage/graph')
      .query({
        node: `openlineage:dataset:bigquery/${scratch.name}`,
        direction: 'upstream',
      })
      .set('Authorization', mockCredentials.service.header());
    expect(response.status).toBe(200);
    expect(response.body.nodes).toContainEqual(
      expect.objectContaining({
        id: 'openlineage:job:airflow/plays-daily-aggregate',
        registered: false,
      }),
    );
  });

  it('takes events from a service at the OpenLineage HTTP transport path', async () => {
    const response = await request(server)
      .post(ENDPOINT)
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/x-ndjson')
      .send(ndjson([runEvent({ eventType: 'START' }), seeded]));
    expect(response.status).toBe(200);
    // The COMPLETE is the seed file's event: already stored.
    expect(response.body).toEqual({ received: 2, accepted: 1, duplicates: 1 });
  });

  it('refuses bad tokens, and bodies over dataPlatform.openLineage.maxBodySize', async () => {
    const unauthenticated = await request(server)
      .post(ENDPOINT)
      .set('Authorization', 'Bearer not-a-valid-token')
      .send(runEvent({}));
    expect(unauthenticated.status).toBe(401);

    const tooLarge = await request(server)
      .post(ENDPOINT)
      .set('Authorization', mockCredentials.service.header())
      .send(Array.from({ length: 10 }, () => runEvent({})));
    expect(tooLarge.status).toBe(413);
  });
});
