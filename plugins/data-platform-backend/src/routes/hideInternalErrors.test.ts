import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ForwardedError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { PayloadTooLargeError } from '../services/OpenLineage/PayloadTooLargeError';
import { hideInternalErrors } from './hideInternalErrors';

/** What pg throws: knex puts the SQL in front of the server's message. */
class DatabaseError extends Error {
  code = '23514';
  detail = 'Failing row contains (1, secret-value)';
}

function app(error: Error) {
  const logger = mockServices.logger.mock();
  const router = Router();
  router.get('/fails', async () => {
    throw error;
  });
  router.use(hideInternalErrors(logger));
  const server = express();
  server.use('/api/data-platform', router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return { server, logger };
}

describe('hideInternalErrors', () => {
  it('answers a wrapped database error with a generic 500 and logs it with the request', async () => {
    const sql = new DatabaseError(
      'insert into "lineage_nodes" ("title") values ($1) - value too long for type character varying(512)',
    );
    const { server, logger } = app(
      new ForwardedError('OpenLineage handler observed-lineage failed', sql),
    );
    const response = await request(server).get('/api/data-platform/fails');
    expect(response.status).toBe(500);
    const body = JSON.stringify(response.body);
    expect(body).not.toMatch(
      /insert into|lineage_nodes|varying|secret-value|23514/,
    );
    expect(response.body.error.message).toMatch(
      /^An internal error occurred logId=[0-9a-f]{20}$/,
    );
    const logId = response.body.error.message.split('=')[1];
    expect(logger.error).toHaveBeenCalledWith(
      `GET /api/data-platform/fails failed, logId=${logId}`,
      expect.objectContaining({ cause: sql }),
    );
  });

  it("passes on the caller's errors and the plugin's own 503 as they are", async () => {
    for (const [error, status] of [
      [new InputError('node: must not be empty'), 400],
      [new ForwardedError('wrapped', new InputError('q: too long')), 400],
      [new PayloadTooLargeError('more than 10000 events'), 413],
      [new ServiceUnavailableError('the catalog is not reachable'), 503],
    ] as const) {
      const { server, logger } = app(error);
      const response = await request(server).get('/api/data-platform/fails');
      expect(response.status).toBe(status);
      expect(response.body.error.message).toBe(error.message);
      expect(logger.error).not.toHaveBeenCalled();
    }
  });
});
