import { TestDatabases } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync } from 'node:zlib';
import { ndjson, runEvent } from '../services/OpenLineage/__fixtures__/events';
import { openLineageApp } from './__testUtils__/openLineageApp';
import { OPENLINEAGE_ENDPOINT } from './openLineageRoutes';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('reading an ingestion body', () => {
  const setup = async () =>
    openLineageApp(await databases.init('SQLITE_3'), {
      limits: { maxEvents: 3, maxDepth: 64 },
    });

  it('answers 413 at the first NDJSON line past maxEventsPerRequest, before the body ends', async () => {
    const { app, serviceToken } = await setup();
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: string }>(
        (resolve, reject) => {
          const req = http.request(
            {
              port,
              path: OPENLINEAGE_ENDPOINT,
              method: 'POST',
              headers: {
                authorization: `Bearer ${serviceToken}`,
                'content-type': 'application/x-ndjson',
              },
            },
            res => {
              let body = '';
              res.on('data', chunk => (body += chunk));
              res.on('end', () => resolve({ status: res.statusCode!, body }));
            },
          );
          req.on('error', reject);
          // Four events, and a body that never ends.
          req.write(ndjson([{}, {}, {}, {}]));
        },
      );
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.message).toContain(
        'more than 3 events (dataPlatform.openLineage.maxEventsPerRequest)',
      );
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it('counts events, not blank lines or byte order marks', async () => {
    const { post } = await setup();
    const events = [1, 2, 3].map(i =>
      runEvent({ eventTime: `2026-11-26T10:0${i}:00Z` }),
    );
    const response = await post()
      .set('Content-Type', 'application/x-ndjson')
      .send(`\uFEFF${ndjson(events).replace(/\n/g, '\n\n  \r\n')}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ received: 3, accepted: 3 });
  });

  it('decodes deflate and brotli, and refuses a body that is not what its encoding says', async () => {
    const { post } = await setup();
    const body = ndjson([runEvent({})]);
    for (const [encoding, bytes] of [
      ['deflate', deflateSync(body)],
      ['br', brotliCompressSync(body)],
    ] as const) {
      const response = await post()
        .set('Content-Type', 'application/x-ndjson')
        .set('Content-Encoding', encoding)
        .send(bytes);
      expect({ encoding, status: response.status }).toEqual({
        encoding,
        status: 200,
      });
    }
    const bogus = await post()
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(body);
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.message).toMatch(/^Body is not valid gzip/);
    const unknown = await post()
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'zstd')
      .send(body);
    expect(unknown.status).toBe(415);
    expect(unknown.body.error.message).toBe(
      'Content-Encoding "zstd": send gzip, deflate, br or none',
    );
  });
});
