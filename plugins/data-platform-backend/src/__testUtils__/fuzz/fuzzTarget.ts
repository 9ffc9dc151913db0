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
export type FuzzAnswer = { status: number; body: string };

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
      const response = await fetch(`${base}${request.path}`, {
        method: request.method,
        headers: {
          ...request.headers,
          ...(header ? { authorization: header } : {}),
        },
        body: request.body,
      });
      return { status: response.status, body: await response.text() };
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
