import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Act on any pipeline-health alert (acknowledge, snooze, resolve), not only
 * on alerts of pipelines one's teams own. Owners need no permission for their
 * own pipelines' alerts; a permission policy grants this one to on-call
 * engineers (the portal's policy module does, to the groups of
 * `dataPlatform.permissions.onCallGroups`), e.g.:
 *
 * ```ts
 * if (isPermission(request.permission, pipelineHealthOnCallPermission)) {
 *   const { ownershipEntityRefs } = await userInfo.getUserInfo(user!.credentials);
 *   return ownershipEntityRefs.includes('group:default/sre')
 *     ? { result: AuthorizeResult.ALLOW }
 *     : { result: AuthorizeResult.DENY };
 * }
 * ```
 */
export const pipelineHealthOnCallPermission = createPermission({
  name: 'dataplatform.health.alert.oncall',
  attributes: { action: 'update' },
});

/** Every permission of the pipeline-health API. */
export const pipelineHealthPermissions = [pipelineHealthOnCallPermission];
