import type { ObservedBindings } from '@dataplatform/backstage-plugin-data-platform-common';
import { googleFailureKind } from '../calls/googleErrors';

/** An IAM policy as both clients carry it (Pub/Sub's etag is bytes, BigQuery's a string). */
export type IamPolicy = {
  version?: number | null;
  etag?: unknown;
  bindings?: IamBinding[] | null;
};

export type IamBinding = {
  role?: string | null;
  members?: string[] | null;
  condition?: unknown;
};

/** Who gains or loses one role. */
export type MemberChange = { grant: boolean; role: string; member: string };

/** Reads and writes one resource's policy; `write` sends the etag it read. */
export type PolicyAccess = {
  read(): Promise<IamPolicy>;
  write(policy: IamPolicy): Promise<unknown>;
};

/** Role -> members of a policy's bindings; conditional bindings are not access the catalog manages. */
export function bindingsOf(policy: IamPolicy): ObservedBindings {
  const bindings: ObservedBindings = {};
  for (const binding of policy.bindings ?? []) {
    if (!binding.role || binding.condition) continue;
    bindings[binding.role] = [
      ...(bindings[binding.role] ?? []),
      ...(binding.members ?? []),
    ];
  }
  return bindings;
}

/** The policy with the changes made, and which of them changed anything. */
export function editPolicy(
  policy: IamPolicy,
  changes: MemberChange[],
): { bindings: IamBinding[]; effective: boolean[] } {
  const bindings = (policy.bindings ?? []).map(b => ({
    ...b,
    members: [...(b.members ?? [])],
  }));
  const effective = changes.map(({ grant, role, member }) => {
    let binding = bindings.find(b => b.role === role && !b.condition);
    const held = binding?.members.includes(member) ?? false;
    if (grant === held) return false;
    if (grant) {
      if (!binding) {
        binding = { role, members: [] };
        bindings.push(binding);
      }
      binding.members.push(member);
    } else {
      binding!.members = binding!.members.filter(m => m !== member);
    }
    return true;
  });
  return {
    bindings: bindings.filter(b => b.members.length > 0),
    effective,
  };
}

/**
 * Read, edit, write with the etag read: a policy changed by someone else in
 * between is read again and the edit made once more. Resolves to which
 * changes took effect (false: already so).
 */
export async function changePolicy(
  access: PolicyAccess,
  changes: MemberChange[],
): Promise<boolean[]> {
  for (let attempt = 1; ; attempt++) {
    const policy = await access.read();
    const { bindings, effective } = editPolicy(policy, changes);
    if (!effective.some(Boolean)) return effective;
    try {
      await access.write({ ...policy, bindings });
      return effective;
    } catch (error) {
      const kind = googleFailureKind(error);
      const stale = kind === 'concurrent-change' || kind === 'stale-etag';
      if (!stale || attempt >= 2) throw error;
    }
  }
}
