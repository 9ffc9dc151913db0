import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import express from 'express';

/**
 * A check that the caller (a user or a service) holds a basic permission:
 * answers the caller's credentials, or throws 401 / 403 naming what they
 * may not do.
 */
export function requirePermission(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
) {
  return async (
    req: express.Request,
    permission: BasicPermission,
    what: string,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to ${what} (${permission.name})`);
    }
    return credentials;
  };
}

/** Who a caller is, for the record: a user's entity ref or a service's subject. */
export function callerName(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<any>;
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}
