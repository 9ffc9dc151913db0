import type { PlannedChange } from '@dataplatform/backstage-plugin-data-platform-common';

/** One IAM change of a plan: who gains or loses which role. */
export type AccessChange = {
  change: PlannedChange;
  grant: boolean;
  role: string;
  member: string;
};

/** The plan's grants and revokes with the role and member -common's planAccess sets on them. */
export function accessChangesOf(changes: PlannedChange[]): AccessChange[] {
  const result: AccessChange[] = [];
  for (const change of changes) {
    if (change.action !== 'grant' && change.action !== 'revoke') continue;
    const { role, member } = change;
    if (!role || !member) {
      throw new Error(
        `The planned access change "${change.description}" does not name a role and a member`,
      );
    }
    result.push({ change, grant: change.action === 'grant', role, member });
  }
  return result;
}
