import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import path from 'node:path';
import { EXAMPLES, exampleEntities } from '../examplePlatform';
import { dataPlatformPlugin } from '../../plugin';
import type { FuzzRequest } from './fuzzRequests';

/** What one fuzzed request got back. */
export type FuzzAnswer = {
  status: number;
  body: string;
  /**
   * Why the first attempt got no answer, when it was sent again: a
   * kept-alive connection the server closed (its keep-alive timeout, or
   * the `Connection: close` of a refused body) as the client reused it.
   */
  retried?: string;
};

/** What a failed fetch says happened to its connection. */
export function fetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  return `${String(error)}${
    cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''
  }`;
}

// The connection closed under the request: sending it again tells a
// server that answers from one that does not.
const CLOSED_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * The whole data-platform plugin on `knex`, as a backend serves it
 * (Backstage's root router and error handler included), with the example
 * platform in its catalog and the example's runs ingested: what the fuzzer
 * sends its requests to.
 */
export async function startFuzzTarget(knex: Knex) {
  const backend = await startTestBackend({
    features: [
      dataPlatformPlugin,
      catalogServiceMock.factory({ entities: exampleEntities() }),
      mockServices.database.factory({ knex }),
      // Each task once at start: the catalog syncs fill lineage and health.
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.rootConfig.factory({
        data: {
          dataPlatform: {
            openLineage: {
              seedFiles: [path.join(EXAMPLES, 'openlineage/events.ndjson')],
            },
          },
        },
      }),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.port()}/api/data-platform`;
  const authorization = {
    service: mockCredentials.service.header(),
    user: mockCredentials.user.header(),
    none: undefined,
  };
  return {
    async send(request: FuzzRequest): Promise<FuzzAnswer> {
      const header = authorization[request.principal ?? 'service'];
      const once = async () => {
        const response = await fetch(`${base}${request.path}`, {
          method: request.method,
          headers: {
            ...request.headers,
            ...(header ? { authorization: header } : {}),
          },
          body: request.body,
        });
        return { status: response.status, body: await response.text() };
      };
      try {
        return await once();
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (!code || !CLOSED_CONNECTION.has(code)) throw error;
        return { ...(await once()), retried: fetchFailure(error) };
      }
    },
    stop: () => backend.stop(),
  };
}

/** A request and its answer, short enough to read in a failure report. */
export function describeAnswer(request: FuzzRequest, answer: FuzzAnswer) {
  const body =
    request.body === undefined
      ? ''
      : ` body ${JSON.stringify(String(request.body).slice(0, 300))}`;
  return `${request.method} ${request.path.slice(0, 300)} (${
    request.principal
  }, ${JSON.stringify(request.headers)})${body} -> ${
    answer.status
  } ${answer.body.slice(0, 500)}`;
}
