import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  javaClientTarget,
  pythonClientTarget,
} from '../__testUtils__/openLineageClients';
import { dataPlatformPlugin } from '../plugin';
import { runEvent } from '../services/OpenLineage/__fixtures__/events';

jest.setTimeout(60_000);

const README = fs.readFileSync(
  path.resolve(__dirname, '../../README.md'),
  'utf8',
);
const EXAMPLE = 'https://backstage.example.com';

/** The first match of `pattern` in the README's client snippets: the snippet must be there. */
function fromReadme(pattern: RegExp): string {
  const match = pattern.exec(README);
  if (!match) throw new Error(`The README has no snippet matching ${pattern}`);
  return match[1];
}

/** The url and endpoint each client is given in the README, and where it posts with them. */
const CLIENTS = [
  {
    client: 'the Python client and dbt-ol (OPENLINEAGE_URL)',
    target: (base: string) =>
      pythonClientTarget(
        fromReadme(/^\s*export OPENLINEAGE_URL=(\S+)$/m).replace(EXAMPLE, base),
      ),
  },
  {
    client: 'Airflow (AIRFLOW__OPENLINEAGE__TRANSPORT)',
    target: (base: string) => {
      const transport = JSON.parse(
        fromReadme(/export AIRFLOW__OPENLINEAGE__TRANSPORT='(.+)'$/m),
      );
      return pythonClientTarget(
        transport.url.replace(EXAMPLE, base),
        transport.endpoint,
      );
    },
  },
  {
    client: 'Spark (spark.openlineage.transport.url)',
    target: (base: string) => {
      expect(README).not.toContain('spark.openlineage.transport.endpoint');
      return javaClientTarget(
        fromReadme(/--conf spark\.openlineage\.transport\.url=(\S+)/).replace(
          EXAMPLE,
          base,
        ),
      );
    },
  },
  {
    client: 'Flink (openlineage.yml)',
    target: (base: string) => {
      const [config] = parseAllDocuments(
        fromReadme(/```yaml\n( *transport:\n[\s\S]*?) *```/),
      ).map(d => d.toJS());
      return javaClientTarget(
        config.transport.url.replace(EXAMPLE, base),
        config.transport.endpoint,
      );
    },
  },
];

describe('what each OpenLineage client posts to, configured as the README says', () => {
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        dataPlatformPlugin,
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    base = `http://127.0.0.1:${backend.server.port()}`;
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  const send = (url: string, eventTime: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.service.header(),
      },
      body: JSON.stringify(runEvent({ eventTime })),
    });

  it.each(CLIENTS.map((c, i) => [c.client, i] as const))(
    'stores what %s sends',
    async (_client, i) => {
      const url = CLIENTS[i].target(base);
      const response = await send(url, `2026-11-26T10:0${i}:00Z`);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(await response.json()).toEqual({
        received: 1,
        accepted: 1,
        duplicates: 0,
      });
    },
  );

  it('takes the URL with a trailing slash, and the plugin base with one, from every client', async () => {
    let second = 10;
    for (const url of [
      `${base}/api/data-platform/openlineage/`,
      `${base}/api/data-platform/`,
    ]) {
      for (const target of [pythonClientTarget(url), javaClientTarget(url)]) {
        const response = await send(target, `2026-11-26T11:00:${second++}Z`);
        expect({ target, status: response.status }).toEqual({
          target,
          status: 200,
        });
      }
    }
    // Without the trailing slash, urljoin leaves the plugin: the README says so.
    expect(pythonClientTarget(`${base}/api/data-platform`)).toBe(
      `${base}/api/api/v1/lineage`,
    );
  });

  it('answers a path it has no route for with a 404 that says where to post', async () => {
    const response = await fetch(`${base}/api/data-platform/api/v2/lineage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.service.header(),
      },
      body: '{}',
    });
    expect(response.status).toBe(404);
    const { error } = await response.json();
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toContain(
      'has no route POST /api/data-platform/api/v2/lineage',
    );
    expect(error.message).toContain(
      'url set to https://<backstage>/api/data-platform/openlineage',
    );
  });
});
