import type {
  ObservedBindings,
  PlannedChange,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { describeFailure, GoogleOperation } from '../calls/googleOperation';
import { alreadySo, applied, failed } from '../results';
import { accessChangesOf } from './accessChanges';
import { changePolicy, MemberChange, PolicyAccess } from './iamPolicy';

/**
 * The plan's grants and revokes in one read-modify-write of the resource's
 * policy; each reported applied, already so, or failed with what the
 * service account lacks.
 */
export async function applyAccessChanges(
  changes: PlannedChange[],
  policy: PolicyAccess,
  operation: GoogleOperation,
): Promise<ChangeResult[]> {
  const access = accessChangesOf(changes);
  if (!access.length) return [];
  try {
    const effective = await changePolicy(policy, access);
    return access.map(({ change }, i) =>
      effective[i] ? applied(change) : alreadySo(change),
    );
  } catch (error) {
    const message = describeFailure(operation, error);
    return access.map(({ change }) => failed(change, message));
  }
}

/** Grants every binding a new resource should have; undefined when it worked. */
export async function grantOnCreate(
  bindings: ObservedBindings,
  policy: PolicyAccess,
  operation: GoogleOperation,
): Promise<string | undefined> {
  const grants: MemberChange[] = Object.entries(bindings).flatMap(
    ([role, members]) => members.map(member => ({ grant: true, role, member })),
  );
  if (!grants.length) return undefined;
  try {
    await changePolicy(policy, grants);
    return undefined;
  } catch (error) {
    return describeFailure(operation, error);
  }
}
