import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

/** How the scaffolder module reaches the data-platform backend. */
export type DataPlatformRequestDeps = {
  discovery: DiscoveryService;
  auth: AuthService;
};

/**
 * One call to the data-platform backend with a token on behalf of
 * `credentials`, its JSON answer returned. The backend's own message (who
 * may act, which entity is missing, which field is wrong) is what the task
 * log should show, not "Request failed with 403": 400, 403 and 404 become
 * Backstage's InputError, NotAllowedError and NotFoundError with it.
 */
export async function dataPlatformRequest<T>(
  deps: DataPlatformRequestDeps,
  credentials: BackstageCredentials,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'data-platform',
  });
  const response = await fetch(
    `${await deps.discovery.getBaseUrl('data-platform')}${path}`,
    {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  if (response.ok) return (await response.json()) as T;
  const { cause, statusCode } = await ResponseError.fromResponse(response);
  switch (statusCode) {
    case 400:
      throw new InputError(cause.message);
    case 403:
      throw new NotAllowedError(cause.message);
    case 404:
      throw new NotFoundError(cause.message);
    default:
      throw new Error(
        `The data-platform backend answered ${method} ${path} with ${statusCode}: ${cause.message}`,
      );
  }
}
