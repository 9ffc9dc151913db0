import { mockCredentials } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { ref, startActionsPlatform } from './__testUtils__/actionsPlatform';

jest.setTimeout(180_000);

/*
 * The portal's MCP server, configured as app-config.yaml configures it, on
 * the test platform: an assistant connecting as a user sees the portal's
 * name, the data platform's tools, and answers as that user.
 */

const appConfig = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../app-config.yaml'),
    'utf8',
  ),
);

/** The JSON-RPC answer in a streamable-HTTP response (JSON or one SSE event). */
function rpcAnswer(res: request.Response) {
  if (res.headers['content-type']?.startsWith('application/json')) {
    return res.body;
  }
  const data = res.text
    .split('\n')
    .find(line => line.startsWith('data: '))!
    .slice('data: '.length);
  return JSON.parse(data);
}

describe('the data platform actions through the MCP server', () => {
  let server: Awaited<ReturnType<typeof startActionsPlatform>>['server'];
  const user = `Bearer ${mockCredentials.user.token('user:default/alice')}`;
  let id = 0;
  const rpc = async (method: string, params: object) => {
    const res = await request(server)
      .post('/api/mcp-actions/v1')
      .set('authorization', user)
      .set('accept', 'application/json, text/event-stream')
      .set('content-type', 'application/json')
      .send({ jsonrpc: '2.0', id: ++id, method, params });
    expect(res.status).toBe(200);
    return rpcAnswer(res);
  };

  beforeAll(async () => {
    ({ server } = await startActionsPlatform({
      features: [mcpActionsPlugin],
      config: {
        mcpActions: appConfig.mcpActions,
        backend: { actions: appConfig.backend.actions },
      },
    }));
  });

  it("answers with the portal's name", async () => {
    const answer = await rpc('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'test-client', version: '1.0.0' },
    });
    expect(answer.result.serverInfo.name).toBe('Tunewave Data Portal');
    expect(appConfig.mcpActions.name).toBe('Tunewave Data Portal');
  });

  it("lists the data platform's tools with their input schemas", async () => {
    const answer = await rpc('tools/list', {});
    const tools = answer.result.tools as {
      name: string;
      inputSchema: { properties: object };
      annotations: { readOnlyHint: boolean };
    }[];
    const ours = tools.filter(t => t.name.includes('data-platform'));
    expect(ours.map(t => t.name)).toEqual(
      expect.arrayContaining([
        'data-platform.explain-pipeline-delay',
        'data-platform.get-field-consumers',
        'data-platform.get-lineage',
        'data-platform.validate-schema-change',
      ]),
    );
    for (const tool of ours) {
      expect(tool.annotations.readOnlyHint).toBe(true);
    }
    const validate = ours.find(t => t.name.includes('validate-schema-change'))!;
    expect(Object.keys(validate.inputSchema.properties)).toEqual(
      expect.arrayContaining(['entityRef', 'fields']),
    );
  });

  it('calls a tool as the user', async () => {
    const { result } = await rpc('tools/list', {});
    const explain = (result.tools as { name: string }[]).find(t =>
      t.name.includes('explain-pipeline-delay'),
    )!;
    const answer = await rpc('tools/call', {
      name: explain.name,
      arguments: { pipeline: ref('pipeline', 'royalty-report') },
    });
    expect(answer.result.isError).toBeFalsy();
    const output = answer.result.structuredContent;
    expect(output.state).toBe('late');
    expect(output.rootCauseOwner).toBe('group:default/listening');
    expect(answer.result.content[0].text).not.toContain('Payroll join');

    const hidden = await rpc('tools/call', {
      name: explain.name,
      arguments: { pipeline: ref('pipeline', 'payroll-join') },
    });
    expect(hidden.result.isError).toBe(true);
    expect(JSON.stringify(hidden.result)).not.toContain('Payroll join');
  });
});
