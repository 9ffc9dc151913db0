import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

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
 */
export class CatalogReadAccess {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
    },
  ) {}

  /** The check for one caller: ask it about the entity refs of an answer. */
  async forCaller(
    credentials: BackstageCredentials,
  ): Promise<UnreadableEntities> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return none;
    if (decision.result === AuthorizeResult.DENY) return all;
    return async refs => {
      const unreadable = new Set<string>();
      for (let i = 0; i < refs.length; i += REFS_PER_REQUEST) {
        const chunk = refs.slice(i, i + REFS_PER_REQUEST);
        const { items } = await this.deps.catalog.getEntitiesByRefs(
          { entityRefs: chunk, fields: ['kind'] },
          { credentials },
        );
        items.forEach((item, at) => {
          if (!item) unreadable.add(chunk[at]);
        });
      }
      return unreadable;
    };
  }
}
