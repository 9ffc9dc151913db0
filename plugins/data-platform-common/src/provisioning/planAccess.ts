import type { PlannedChange, PlanRefusal } from './plans';
import type { ObservedBindings, Principal, ResourceType } from './resources';

/** How a provisioner grants access: the member name of a principal and the role per side. */
export type AccessModel = {
  /** E.g. `group:analysts@example.com`; undefined when the principal has no address. */
  member(principal: Principal): string | undefined;
  /** The roles readers and writers get, per resource type. */
  roles: Partial<Record<ResourceType, { readers?: string; writers?: string }>>;
};

/** Who should hold which role, from the catalog's side of it. */
export type DesiredAccess = {
  readers?: Principal[];
  writers?: Principal[];
};

/**
 * Grants for members the catalog names and the resource lacks; revokes for
 * members holding a managed role whom the catalog no longer names. Roles the
 * provisioner does not manage are left alone. A principal without an address
 * is refused by name.
 */
export function planAccess(
  type: ResourceType,
  desired: DesiredAccess,
  observed: ObservedBindings | undefined,
  model: AccessModel,
  source: string,
): { changes: PlannedChange[]; refusals: PlanRefusal[] } {
  const changes: PlannedChange[] = [];
  const refusals: PlanRefusal[] = [];
  const roles = model.roles[type] ?? {};
  for (const side of ['readers', 'writers'] as const) {
    const role = roles[side];
    if (!role) continue;
    const wanted = new Set<string>();
    for (const principal of desired[side] ?? []) {
      const member = model.member(principal);
      if (!member) {
        refusals.push({
          field: `access.${side}`,
          source: `${source}.${side}`,
          description: `grant ${role} to ${principal.ref}`,
          rule: `${principal.ref} has no e-mail address in the catalog (spec.profile.email)`,
        });
        continue;
      }
      wanted.add(member);
    }
    const held = new Set(observed?.[role] ?? []);
    for (const member of [...wanted].sort()) {
      if (held.has(member)) continue;
      changes.push({
        action: 'grant',
        field: `access.${side}`,
        source: `${source}.${side}`,
        description: `grant ${role} to ${member}`,
        role,
        member,
        additive: true,
      });
    }
    for (const member of [...held].sort()) {
      if (wanted.has(member)) continue;
      changes.push({
        action: 'revoke',
        field: `access.${side}`,
        source: `${source}.${side}`,
        description: `revoke ${role} from ${member}`,
        role,
        member,
        additive: false,
      });
    }
  }
  return { changes, refusals };
}

/** The bindings a resource should have: role -> members, for creating it. */
export function desiredBindings(
  type: ResourceType,
  desired: DesiredAccess,
  model: AccessModel,
): ObservedBindings {
  const bindings: ObservedBindings = {};
  const roles = model.roles[type] ?? {};
  for (const side of ['readers', 'writers'] as const) {
    const role = roles[side];
    if (!role) continue;
    const members = (desired[side] ?? [])
      .map(p => model.member(p))
      .filter((m): m is string => !!m);
    if (members.length) {
      bindings[role] = [...new Set([...(bindings[role] ?? []), ...members])];
    }
  }
  return bindings;
}
