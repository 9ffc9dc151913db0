import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ReadDecisionCache } from './ReadDecisionCache';

/**
 * Which of these entity refs the caller may not read in the catalog.
 * Resolves to an empty set when the caller may read every entity.
 */
export type UnreadableEntities = (entityRefs: string[]) => Promise<Set<string>>;

// Entity refs per catalog request when the decision is conditional: 500 refs
// of up to ~150 characters stay under the catalog's 100 kB JSON body limit.
const REFS_PER_REQUEST = 500;

const none: UnreadableEntities = async () => new Set();
const all: UnreadableEntities = async refs => new Set(refs);

/** Who asks, as the catalog tells callers apart. */
function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${principal.userEntityRef ?? principal.subject}`;
}

/**
 * The catalog's read permission applied to the plugin's read routes: lineage
 * nodes, pipeline health and quality are about catalog entities, and an
 * answer shows a caller no entity that the catalog would not show them
 * (catalog-graph, which reads through the catalog, behaves the same). The
 * catalog's own permission decides, through
 * the app's policy: when it allows every entity (an allow-all policy), the
 * check costs one authorization; when it is conditional (rules such as "owned
 * by the user"), the catalog itself is asked, on the caller's behalf, which of
 * the answer's entities it returns to them.
 *
 * The catalog's answers are kept for `decisionTtlMs` (0: not kept) per
 * caller and conditions, so that a caller's next answers ask it only about
 * the entities it was not asked about within that window. A read the catalog
 * revokes (a label or an owner changed) can so still be shown for at most
 * that long after the catalog applies the change; a changed policy decision
 * (conditions, allow, deny) applies at once, as it is asked every time.
 */
export class CatalogReadAccess {
  private readonly decided: ReadDecisionCache;

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
      /** How long the catalog's answer about an entity is used; default 0. */
      decisionTtlMs?: number;
      /** The clock the window is measured on. */
      now?: () => number;
    },
  ) {
    this.decided = new ReadDecisionCache(deps.decisionTtlMs ?? 0, deps.now);
  }

  /** The check for one caller: ask it about the entity refs of an answer. */
  async forCaller(
    credentials: BackstageCredentials,
  ): Promise<UnreadableEntities> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW ? none : all;
    }
    const scope = `${callerKey(credentials)}\0${JSON.stringify(
      decision.conditions,
    )}`;
    return async refs => {
      const { unreadable, undecided } = this.decided.lookup(scope, refs);
      for (let i = 0; i < undecided.length; i += REFS_PER_REQUEST) {
        const chunk = undecided.slice(i, i + REFS_PER_REQUEST);
        const askedAt = this.decided.now();
        const { items } = await this.deps.catalog.getEntitiesByRefs(
          { entityRefs: chunk, fields: ['kind'] },
          { credentials },
        );
        const hidden = new Set<string>();
        items.forEach((item, at) => {
          if (!item) hidden.add(chunk[at]);
        });
        this.decided.remember(scope, chunk, hidden, askedAt);
        hidden.forEach(ref => unreadable.add(ref));
      }
      return unreadable;
    };
  }
}
