import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotImplementedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import { randomBytes } from 'node:crypto';

/** The status Backstage's error handler answers for these error names. */
const STATUS_BY_NAME: Record<string, number> = {
  NotModifiedError: 304,
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** The status an error would be answered with, as Backstage's error handler decides it. */
function statusOf(error: any): number {
  for (const field of ['statusCode', 'status']) {
    const status = error?.[field];
    if (Number.isInteger(status) && status >= 100 && status <= 599) {
      return status;
    }
  }
  return STATUS_BY_NAME[error?.name] ?? 500;
}

/**
 * The plugin's last error handler: an error that would be answered with a
 * 5xx is logged here with the request it failed, and answered with a
 * generic message and the log id. Such an error is a database's or a
 * handler's (a knex error carries the SQL, PostgreSQL's the failing row),
 * and Backstage's own filter lets it through once it is wrapped, e.g. in a
 * ForwardedError. The plugin's own 501 and 503 answers pass as they are, and
 * so does everything that is the caller's fault (4xx).
 */
export function hideInternalErrors(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (
      statusOf(error) < 500 ||
      error?.constructor === ServiceUnavailableError ||
      error?.constructor === NotImplementedError
    ) {
      next(error);
      return;
    }
    const logId = randomBytes(10).toString('hex');
    logger.error(
      `${req.method} ${req.baseUrl}${req.path} failed, logId=${logId}`,
      error,
    );
    const hidden = new Error(`An internal error occurred logId=${logId}`);
    delete hidden.stack;
    next(hidden);
  };
}
