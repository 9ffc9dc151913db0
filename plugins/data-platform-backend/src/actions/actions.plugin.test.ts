import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  CLEAN_PLAYS_ERROR,
  ref,
  restrictedTraces,
  startActionsPlatform,
} from './__testUtils__/actionsPlatform';

jest.setTimeout(180_000);

/*
 * Each action invoked through the plugin's actions registry, over HTTP as
 * Backstage's actions service (and so the MCP server) calls it, on a real
 * catalog whose policy hides `restricted` entities from users.
 */
describe('the data platform actions', () => {
  let server: Awaited<ReturnType<typeof startActionsPlatform>>['server'];
  let service: string;
  const user = `Bearer ${mockCredentials.user.token('user:default/alice')}`;

  const invoke = async (
    action: string,
    input: object,
    authorization = user,
  ) => {
    const res = await request(server)
      .post(
        `/api/data-platform/.backstage/actions/v1/actions/data-platform:${action}/invoke`,
      )
      .set('authorization', authorization)
      .send(input);
    return {
      status: res.status,
      output: res.body.output,
      body: res.body,
      text: res.text,
    };
  };
  const expectNoRestricted = (text: string) => {
    for (const trace of restrictedTraces) expect(text).not.toContain(trace);
  };

  beforeAll(async () => {
    ({ server, service } = await startActionsPlatform({}));
  });

  it('lists the actions with their schemas and read-only attributes', async () => {
    const res = await request(server)
      .get('/api/data-platform/.backstage/actions/v1/actions')
      .set('authorization', user);
    expect(res.status).toBe(200);
    const actions = res.body.actions as {
      id: string;
      attributes: object;
      schema: { input: { properties: object } };
    }[];
    expect(actions.map(a => a.id)).toEqual(
      expect.arrayContaining([
        'data-platform:get-lineage',
        'data-platform:explain-pipeline-delay',
        'data-platform:get-field-consumers',
        'data-platform:validate-schema-change',
      ]),
    );
    for (const action of actions) {
      expect(action.attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
    }
    const lineage = actions.find(a => a.id === 'data-platform:get-lineage')!;
    expect(Object.keys(lineage.schema.input.properties)).toEqual(
      expect.arrayContaining(['node', 'column', 'direction', 'depth']),
    );
  });

  it('answers each example it gives assistants', async () => {
    const res = await request(server)
      .get('/api/data-platform/.backstage/actions/v1/actions')
      .set('authorization', user);
    const ours = (
      res.body.actions as {
        name: string;
        examples?: { title: string; input: object }[];
      }[]
    ).filter(a => a.name !== 'find-fields');
    expect(ours).toHaveLength(4);
    for (const action of ours) {
      expect(action.examples?.length).toBeGreaterThan(0);
      for (const example of action.examples ?? []) {
        const answer = await invoke(action.name, example.input);
        expect({ example: example.title, status: answer.status }).toEqual({
          example: example.title,
          status: 200,
        });
      }
    }
  });

  describe('get-lineage', () => {
    it('walks downstream from an endpoint, leaving out what the user may not read', async () => {
      const { status, output, text } = await invoke('get-lineage', {
        node: ref('dataendpoint', 'plays-raw'),
        direction: 'downstream',
        depth: 6,
      });
      expect(status).toBe(200);
      const ids = output.nodes.map((n: { id: string }) => n.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          ref('dataendpoint', 'plays-raw'),
          ref('pipeline', 'clean-plays'),
          ref('dataendpoint', 'plays-clean'),
        ]),
      );
      expect(output.edges).toContainEqual(
        expect.objectContaining({
          from: ref('pipeline', 'clean-plays'),
          to: ref('dataendpoint', 'plays-clean'),
        }),
      );
      expectNoRestricted(text);
      // payroll-join, royalties, user-audit, audit-log, and what lies only
      // beyond them (royalty-report, royalty-summary).
      expect(output.hiddenNodes).toBeGreaterThanOrEqual(4);
      expect(ids).not.toContain(ref('pipeline', 'royalty-report'));

      const whole = await invoke(
        'get-lineage',
        {
          node: ref('dataendpoint', 'plays-raw'),
          direction: 'downstream',
          depth: 6,
        },
        service,
      );
      expect(whole.output.nodes.map((n: { id: string }) => n.id)).toEqual(
        expect.arrayContaining([
          ref('pipeline', 'payroll-join'),
          ref('pipeline', 'royalty-report'),
          ref('pipeline', 'user-audit'),
        ]),
      );
      expect(whole.output.hiddenNodes).toBe(0);
    });

    it('walks upstream with the owners of what it passes', async () => {
      const { status, output } = await invoke('get-lineage', {
        node: ref('dataendpoint', 'plays-clean'),
        direction: 'upstream',
        depth: 3,
      });
      expect(status).toBe(200);
      expect(output.nodes).toContainEqual(
        expect.objectContaining({
          id: ref('pipeline', 'clean-plays'),
          kind: 'Pipeline',
          owner: 'group:default/listening',
          depth: -1,
        }),
      );
      expect(output.nodes.map((n: { id: string }) => n.id)).toContain(
        ref('eventtype', 'track-played'),
      );
    });

    it('walks from an OpenLineage dataset no catalog entity backs', async () => {
      // hourlyRun's events say clean-plays also writes this table.
      const dataset = 'openlineage:dataset:bigquery/acme.health.clean_plays';
      const { status, output } = await invoke('get-lineage', {
        node: dataset,
        direction: 'upstream',
        depth: 1,
      });
      expect(status).toBe(200);
      expect(output.node).toBe(dataset);
      expect(output.nodes).toContainEqual(
        expect.objectContaining({ id: dataset, registered: false }),
      );
      expect(output.edges).toEqual([
        {
          from: ref('pipeline', 'clean-plays'),
          to: dataset,
          source: 'observed',
        },
      ]);
    });

    it('follows a column through the column lineage OpenLineage recorded', async () => {
      const { status, output } = await invoke('get-lineage', {
        node: ref('dataendpoint', 'plays-raw'),
        column: 'context.device.os',
        direction: 'downstream',
      });
      expect(status).toBe(200);
      expect(output.column).toBe('context.device.os');
      expect(output.columnEdges).toEqual([
        expect.objectContaining({
          direction: 'downstream',
          from: `${ref('dataendpoint', 'plays-raw')}#context.device.os`,
          to: `${ref('dataendpoint', 'plays-clean')}#platform`,
          via: ref('pipeline', 'clean-plays'),
          transformations: ['DIRECT/IDENTITY'],
        }),
      ]);
    });

    it('answers not found for a node the user may not read, as for an unknown one', async () => {
      const hidden = await invoke('get-lineage', {
        node: ref('dataendpoint', 'royalties'),
      });
      expect(hidden.status).toBe(404);
      expectNoRestricted(
        hidden.text.replace(ref('dataendpoint', 'royalties'), ''),
      );
      const unknown = await invoke('get-lineage', {
        node: ref('dataendpoint', 'nowhere'),
      });
      expect(unknown.status).toBe(404);
    });

    it('refuses bad input naming the field', async () => {
      const deep = await invoke('get-lineage', {
        node: ref('dataendpoint', 'plays-raw'),
        depth: 50,
      });
      expect(deep.status).toBe(400);
      expect(deep.body.error.message).toContain('depth');
      const missing = await invoke('get-lineage', { direction: 'up' });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('node');
      expect(missing.body.error.message).toContain('direction');
    });
  });

  describe('explain-pipeline-delay', () => {
    it('explains a late pipeline by its upstream root cause and its owner', async () => {
      const { status, output, text } = await invoke('explain-pipeline-delay', {
        pipeline: 'royalty-report',
      });
      expect(status).toBe(200);
      expect(output.pipeline).toEqual({
        ref: ref('pipeline', 'royalty-report'),
        title: 'Royalty report',
        owner: 'group:default/finance',
      });
      expect(output.state).toBe('late');
      expect(output.since).toEqual(expect.any(String));
      // payroll-join is in the chain, but the user may not read it.
      expect(output.rootCause).toEqual([
        expect.objectContaining({ hidden: true, state: 'late' }),
        expect.objectContaining({
          pipelineRef: ref('pipeline', 'clean-plays'),
          hidden: false,
          title: 'Clean plays',
          owner: 'group:default/listening',
          state: 'failed',
          failureReason: CLEAN_PLAYS_ERROR,
        }),
      ]);
      expect(output.rootCauseOwner).toBe('group:default/listening');
      expect(output.alert).toMatchObject({
        problem: 'late',
        state: 'open',
        expectedDelay: true,
      });
      expect(output.summary).toContain('Clean plays');
      expectNoRestricted(text);

      const asService = await invoke(
        'explain-pipeline-delay',
        { pipeline: ref('pipeline', 'royalty-report') },
        service,
      );
      expect(asService.output.rootCause[0]).toMatchObject({
        pipelineRef: ref('pipeline', 'payroll-join'),
        title: 'Payroll join',
        owner: 'group:default/payroll',
      });
    });

    it('explains a failed pipeline by its own error', async () => {
      const { status, output } = await invoke('explain-pipeline-delay', {
        pipeline: ref('pipeline', 'clean-plays'),
      });
      expect(status).toBe(200);
      expect(output).toMatchObject({
        state: 'failed',
        failureReason: CLEAN_PLAYS_ERROR,
        rootCause: [],
        alert: { problem: 'failed', state: 'open', expectedDelay: false },
      });
      expect(output.summary).toContain(CLEAN_PLAYS_ERROR);
    });

    it('does not find a pipeline the user may not read', async () => {
      const hidden = await invoke('explain-pipeline-delay', {
        pipeline: ref('pipeline', 'payroll-join'),
      });
      expect(hidden.status).toBe(404);
      expect(hidden.text).not.toContain('Payroll join');
      const unknown = await invoke('explain-pipeline-delay', {
        pipeline: 'no-such-pipeline',
      });
      expect(unknown.status).toBe(404);
    });

    it('refuses a ref that is not a pipeline, naming the field', async () => {
      const res = await invoke('explain-pipeline-delay', {
        pipeline: ref('dataendpoint', 'plays-raw'),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('pipeline');
    });
  });

  describe('get-field-consumers', () => {
    it("lists who reads an event type's fields, with owners and paths", async () => {
      const { status, output, text } = await invoke('get-field-consumers', {
        entityRef: ref('eventtype', 'track-played'),
        paths: ['context.device.os', 'track_id'],
      });
      expect(status).toBe(200);
      expect(output.owner).toBe('group:default/playback');
      const [os, trackId] = output.fields;
      expect(os.path).toBe('context.device.os');
      expect(os.consumers).toContainEqual(
        expect.objectContaining({
          id: ref('pipeline', 'clean-plays'),
          owner: 'group:default/listening',
          evidence: 'column',
          path: 'plays-raw#context.device.os -> plays-clean#platform',
        }),
      );
      // clean-plays' column lineage says it does not read track_id; the
      // user may not see user-audit, which reads all of plays-raw.
      expect(trackId).toEqual({ path: 'track_id', consumers: [] });
      expectNoRestricted(text);

      const asService = await invoke(
        'get-field-consumers',
        {
          entityRef: ref('eventtype', 'track-played'),
          paths: ['track_id'],
        },
        service,
      );
      expect(asService.output.fields[0].consumers).toEqual([
        expect.objectContaining({
          id: ref('pipeline', 'user-audit'),
          evidence: 'endpoint',
          owner: 'group:default/payroll',
        }),
      ]);
    });

    it("lists who reads a data endpoint's columns", async () => {
      const { status, output } = await invoke('get-field-consumers', {
        entityRef: ref('dataendpoint', 'plays-raw'),
        paths: ['user_id'],
      });
      expect(status).toBe(200);
      expect(
        output.fields[0].consumers.map((c: { id: string }) => c.id),
      ).toContain(ref('pipeline', 'clean-plays'));
    });

    it('does not find an endpoint the user may not read', async () => {
      const res = await invoke('get-field-consumers', {
        entityRef: ref('dataendpoint', 'royalties'),
        paths: ['amount'],
      });
      expect(res.status).toBe(404);
    });

    it('refuses bad input naming the field', async () => {
      const noPaths = await invoke('get-field-consumers', {
        entityRef: ref('eventtype', 'track-played'),
        paths: [],
      });
      expect(noPaths.status).toBe(400);
      expect(noPaths.body.error.message).toContain('paths');
      const pipelineRef = await invoke('get-field-consumers', {
        entityRef: ref('pipeline', 'clean-plays'),
        paths: ['user_id'],
      });
      expect(pipelineRef.status).toBe(400);
      expect(pipelineRef.body.error.message).toContain('entityRef');
    });
  });

  describe('validate-schema-change', () => {
    const current = [
      { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
      {
        name: 'user_id',
        type: 'STRING',
        mode: 'REQUIRED',
        pii: 'pseudonymize',
      },
      { name: 'track_id', type: 'STRING', mode: 'REQUIRED' },
      {
        name: 'context',
        type: 'RECORD',
        fields: [
          {
            name: 'device',
            type: 'RECORD',
            fields: [{ name: 'os', type: 'STRING' }],
          },
        ],
      },
    ];
    const validate = (fields: object[], authorization = user) =>
      invoke(
        'validate-schema-change',
        { entityRef: ref('eventtype', 'track-played'), fields },
        authorization,
      );

    it('passes a compatible addition', async () => {
      const { status, output } = await validate([
        ...current,
        { name: 'shuffle', type: 'BOOL' },
      ]);
      expect(status).toBe(200);
      expect(output).toMatchObject({
        verdict: 'ok',
        mode: 'BACKWARD',
        currentRevision: 2,
        proposedRevision: 3,
        checkedAgainst: [2],
        issues: [],
        breakingConsumers: [],
      });
      expect(output.changes).toEqual([
        expect.objectContaining({ kind: 'field-added', path: 'shuffle' }),
      ]);
    });

    it('refuses an incompatible retyping by its field path', async () => {
      const { output } = await validate(
        current.map(f => (f.name === 'track_id' ? { ...f, type: 'INT64' } : f)),
      );
      expect(output.verdict).toBe('incompatible');
      expect(output.issues).toContainEqual(
        expect.objectContaining({ path: 'track_id', direction: 'BACKWARD' }),
      );
    });

    it('names the consumers a removal breaks, as the caller may see them', async () => {
      const removed = current.filter(f => f.name !== 'user_id');
      const { output, text } = await validate(removed);
      expect(output.verdict).toBe('breaks-consumers');
      expect(output.consumerPolicy).toBe('requireDecision');
      expect(output.breakingConsumers).toEqual([
        expect.objectContaining({
          path: 'user_id',
          consumers: expect.arrayContaining([
            expect.objectContaining({
              id: ref('pipeline', 'clean-plays'),
              owner: 'group:default/listening',
            }),
          ]),
        }),
      ]);
      expectNoRestricted(text);
      const asService = await validate(removed, service);
      expect(
        asService.output.breakingConsumers[0].consumers.map(
          (c: { id: string }) => c.id,
        ),
      ).toContain(ref('pipeline', 'user-audit'));
    });

    it('reports field rule problems by field path', async () => {
      const { output } = await validate([
        ...current,
        { name: 'select', type: 'STRING' },
      ]);
      expect(output.verdict).toBe('invalid');
      expect(output.fieldProblems).toContainEqual(
        expect.objectContaining({ path: 'select' }),
      );
    });

    it('refuses a malformed schema naming the field', async () => {
      const res = await validate([{ name: 'event_id', type: 'VARCHAR' }]);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('type');
      expect(res.body.error.message).toContain('fields');
    });

    it('does not find an event type the user may not read, or a missing one', async () => {
      const res = await invoke('validate-schema-change', {
        entityRef: ref('eventtype', 'no-such-event'),
        fields: current,
      });
      expect(res.status).toBe(404);
    });
  });
});
