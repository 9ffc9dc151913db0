import type { PlannedChange } from '@dataplatform/backstage-plugin-data-platform-common';

/** One IAM change of a plan: who gains or loses which role. */
export type AccessChange = {
  change: PlannedChange;
  grant: boolean;
  role: string;
  member: string;
};

// -common's planAccess words them `grant <role> to <member>` and
// `revoke <role> from <member>`; roles and members have no spaces.
const ACCESS_CHANGE = /^(grant|revoke) (\S+) (?:to|from) (\S+)$/;

/** The plan's grants and revokes with their role and member. */
export function accessChangesOf(changes: PlannedChange[]): AccessChange[] {
  const result: AccessChange[] = [];
  for (const change of changes) {
    if (change.action !== 'grant' && change.action !== 'revoke') continue;
    const match = ACCESS_CHANGE.exec(change.description);
    if (!match) {
      throw new Error(
        `The planned access change "${change.description}" does not name a role and a member`,
      );
    }
    result.push({
      change,
      grant: match[1] === 'grant',
      role: match[2],
      member: match[3],
    });
  }
  return result;
}
