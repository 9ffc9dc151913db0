import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type {
  AffectedConsumer,
  BreakingConsumersPolicy,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { SchemaChangeClient } from '../services/schemaChangeClient';
import { playlistFollowed } from '../testing/eventTypes';
import { createEventTypeValidateAction } from './eventTypeValidate';
import { examples } from './eventTypeValidate.examples';

/*
 * The gate on the server, talking HTTP to a data-platform backend that
 * answers as the real one does: consumers per field with the policy, and a
 * recorded decision (201, or 200 for a key it has seen).
 */

const followsDaily: AffectedConsumer = {
  id: 'pipeline:default/follows-daily',
  kind: 'Pipeline',
  title: 'follows-daily',
  owner: 'group:default/listening-insights',
  evidence: 'column',
  through: {
    endpoint: 'dataendpoint:default/playlist-followed-raw',
    endpointTitle: 'playlist-followed-raw',
    column: 'playlist_uri',
  },
  columns: ['dataendpoint:default/follows-daily#playlist'],
};

type Received = { path: string; body: any; authorization?: string };

let server: Server;
let policy: BreakingConsumersPolicy;
/** The backend's 403 to a decision from neither an owner nor an admin. */
let notTheOwner: string | undefined;
let received: Received[];
const recorded = new Map<string, unknown>();

const readBody = async (req: IncomingMessage) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = req.url!.replace('/api/data-platform', '');
    received.push({ path, body, authorization: req.headers.authorization });
    res.setHeader('Content-Type', 'application/json');
    if (path === '/schema-changes/consumers') {
      const consumers = Object.fromEntries(
        body.paths.map((p: string) => [
          p,
          p === 'playlist_uri' ? [followsDaily] : [],
        ]),
      );
      // Asked as the scaffolder's service: it never decides itself.
      res.end(
        JSON.stringify({
          entityRef: body.entityRef,
          consumers,
          policy,
          owner: 'group:default/listening',
          mayDecide: false,
        }),
      );
      return;
    }
    if (notTheOwner) {
      res.statusCode = 403;
      res.end(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: notTheOwner },
          request: { method: 'POST', url: req.url },
          response: { statusCode: 403 },
        }),
      );
      return;
    }
    const seen = recorded.get(body.idempotencyKey);
    const { idempotencyKey, ...decision } = body;
    const answer = seen ?? {
      ...decision,
      id: `decision-${recorded.size + 1}`,
      decidedBy: 'user:default/mock',
      decidedAt: '2026-12-07T10:00:00.000Z',
      notified: ['group:default/listening-insights'],
    };
    recorded.set(idempotencyKey, answer);
    res.statusCode = seen ? 200 : 201;
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
});
afterAll(() => new Promise(done => server.close(done)));
beforeEach(() => {
  policy = 'requireDecision';
  notTheOwner = undefined;
  received = [];
  recorded.clear();
});

const removalExample = () => parse(examples[2].example).steps[0].input;

async function run(input: Record<string, unknown>, isDryRun = false) {
  const port = (server.address() as AddressInfo).port;
  const action = createEventTypeValidateAction({
    catalog: catalogServiceMock({ entities: [playlistFollowed()] }),
    schemaChanges: new SchemaChangeClient({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
        getExternalBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
      },
    }),
  });
  const logger = mockServices.logger.mock();
  const ctx = {
    ...createMockActionContext({ input: input as any, logger }),
    isDryRun,
    task: { id: 'task-42' },
  };
  await action.handler(ctx as any);
  return ctx;
}

describe('dataplatform:eventType:validate weighs consumers', () => {
  it('example 3: records the decision to remove a field a consumer reads', async () => {
    const ctx = await run(removalExample());
    expect(received.map(r => r.path)).toEqual([
      '/schema-changes/consumers',
      '/schema-changes/decisions',
    ]);
    expect(received[0].body).toEqual({
      entityRef: 'eventtype:default/playlist-followed',
      paths: ['playlist_uri'],
    });
    expect(received[1].body).toEqual({
      entityRef: 'eventtype:default/playlist-followed',
      revision: 2,
      reason:
        'playlist_uri moves to the playlist-catalog join; read it from there by 1 March',
      idempotencyKey: 'task-42',
      changes: [
        {
          kind: 'field-removed',
          path: 'playlist_uri',
          description: 'removed (REQUIRED STRING)',
        },
      ],
      consumers: [
        {
          id: 'pipeline:default/follows-daily',
          title: 'follows-daily',
          owner: 'group:default/listening-insights',
          paths: ['playlist_uri'],
          through:
            'playlist-followed-raw#playlist_uri -> follows-daily#playlist',
        },
      ],
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'consumerDecision',
      expect.objectContaining({
        id: 'decision-1',
        notified: ['group:default/listening-insights'],
      }),
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      'playlist_uri (removed (REQUIRED STRING)) breaks follows-daily, owned by group:default/listening-insights: playlist-followed-raw#playlist_uri -> follows-daily#playlist',
    );
  });

  it('refuses a consumer-breaking change without a decision, naming the consumers', async () => {
    const { consumerDecision, ...input } = removalExample();
    await expect(run(input)).rejects.toThrow(
      'The change breaks 1 consumer (playlist_uri (removed (REQUIRED STRING)) is read by follows-daily); the owner must decide to ship it',
    );
    await expect(
      run({ ...input, consumerDecision: { reason: '', consumers: [] } }),
    ).rejects.toThrow('the owner must decide to ship it');
    expect(received.map(r => r.path)).not.toContain(
      '/schema-changes/decisions',
    );
  });

  it('refuses a decision that does not name every consumer it breaks', async () => {
    const input = removalExample();
    input.consumerDecision.consumers = ['pipeline:default/other'];
    await expect(run(input)).rejects.toThrow(
      'naming 1 more (pipeline:default/follows-daily)',
    );
  });

  it("fails with the backend's refusal when the task's user may not decide", async () => {
    notTheOwner =
      'Only the owners of eventtype:default/playlist-followed (group:default/listening) or holders of dataplatform.schemaChange.decide may decide to break its consumers';
    await expect(run(removalExample())).rejects.toThrow(notTheOwner);
    expect(received.map(r => r.path)).toEqual([
      '/schema-changes/consumers',
      '/schema-changes/decisions',
    ]);
  });

  it('refuses it always when the policy says refuse', async () => {
    policy = 'refuse';
    await expect(run(removalExample())).rejects.toThrow(
      'This portal refuses schema changes that break consumers: playlist_uri (removed (REQUIRED STRING)) is read by follows-daily',
    );
    expect(received.map(r => r.path)).toEqual(['/schema-changes/consumers']);
  });

  it('asks nothing for a change that removes or retypes no field, and records nothing in a dry run', async () => {
    await run(parse(examples[1].example).steps[0].input);
    expect(received).toEqual([]);
    const dry = await run(removalExample(), true);
    expect(received.map(r => r.path)).toEqual(['/schema-changes/consumers']);
    expect(dry.output).not.toHaveBeenCalledWith(
      'consumerDecision',
      expect.anything(),
    );
  });

  it('lets a retype through when no consumer reads the field', async () => {
    const input = removalExample();
    delete input.consumerDecision;
    input.fields = playlistFollowed().spec.schema.fields.map(f =>
      f.name === 'event_id' ? { ...f, type: 'BYTES' } : f,
    );
    input.compatibility = 'NONE';
    const ctx = await run(input);
    expect(received.map(r => r.body.paths)).toEqual([['event_id']]);
    expect(ctx.output).toHaveBeenCalledWith('compatible', true);
  });
});
