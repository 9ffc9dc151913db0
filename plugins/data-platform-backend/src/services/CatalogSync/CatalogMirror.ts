import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_CHANGED_AT } from '@dataplatform/backstage-plugin-data-platform-common';
import { chunk } from '../../database/chunk';
import { listEntityEtags, LIST_FIELDS } from './listEntityEtags';
import { inMemoryMirrorState, MirrorState } from './MirrorState';

const FETCH_BATCH = 200;
const CHANGES_PAGE = 500;
const CHANGED_AT_FIELD = `metadata.annotations.${ANNOTATION_CHANGED_AT}`;

/** Where a {@link CatalogMirror} keeps what it copies from the catalog. */
export interface MirrorTarget<T> {
  /** Ref -> etag of every entity held, or of those of these kinds (lowercase, as in refs). */
  etags(kinds?: string[]): Promise<Map<string, string>>;
  /** Ref -> etag of those of these refs that are held. */
  etagsOf(refs: string[]): Promise<Map<string, string>>;
  /** How many entities of these kinds are held. */
  count(kinds: string[]): Promise<number>;
  /**
   * What the target keeps of an entity, or undefined to leave it out. One
   * that throws is left out with a warning naming it.
   */
  convert(entity: Entity): T | undefined;
  /** Adds or replaces these, each carrying its entity's ref and etag. */
  put(records: T[]): Promise<void>;
  remove(refs: string[]): Promise<void>;
}

/** When a mirror lists the whole catalog, and how far back a pass looks. */
export type MirrorTiming = {
  /** A pass lists every entity at least this often. */
  reconcileIntervalMs: number;
  /**
   * A changes pass reads the entities stamped since this long before the
   * previous pass began: an entity the catalog serves only after that pass
   * (stitched late) was stamped at most this long before it is served.
   */
  changeWindowMs: number;
  /** A changes pass that finds more than this lists everything instead. */
  maxChanges: number;
};

const DEFAULT_MIRROR_TIMING: MirrorTiming = {
  reconcileIntervalMs: 10 * 60_000,
  changeWindowMs: 5 * 60_000,
  maxChanges: 5_000,
};

/** What one pass did. */
export type MirrorPassResult = {
  /** `changes`: read only entities stamped recently; `full`: listed all. */
  mode: 'changes' | 'full';
  /** Entities whose ref and etag the pass read. */
  seen: number;
  updated: number;
  removed: number;
};

/**
 * Keeps a copy of some catalog entities in step with the catalog without
 * listing them all on every pass. Entities of the data-platform kinds carry
 * `dataplatform.io/changed-at` (stamped by the catalog module's processor):
 * a pass orders them by it and reads only those stamped since the previous
 * pass began (less a window), comparing etags with the target's. Removals
 * show as a count lower than the target's, and then, and every
 * `reconcileIntervalMs`, and whenever entities carry no stamp, a pass lists
 * every ref and etag instead. Entities of other kinds (`extra`, a small set)
 * are listed whole on every pass.
 */
export class CatalogMirror<T> {
  private readonly state: MirrorState;
  /** Refs the target declined since the last full pass; they count as held. */
  private declined = new Set<string>();
  private warnedUnstamped = false;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** What is kept, for logs and errors: "the lineage index". */
      name: string;
      target: MirrorTarget<T>;
      /** Lowercase kinds that carry the stamp. */
      stampedKinds: string[];
      /** A small set of other entities to keep, listed whole on each pass. */
      extra?: { kind: string; filter: EntityFilterQuery };
      timing?: Partial<MirrorTiming>;
      /** Where the mirror left off; by default in this process only. */
      state?: MirrorState;
      now?: () => number;
    },
  ) {
    this.state = options.state ?? inMemoryMirrorState();
  }

  private get timing(): MirrorTiming {
    return { ...DEFAULT_MIRROR_TIMING, ...this.options.timing };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * One pass: reads what changed in the catalog and updates the target.
   * Stops between batches once `signal` fires, before saving where it got
   * to, so the next pass (on any instance) compares etags again and
   * finishes the work.
   */
  async run(signal?: AbortSignal): Promise<MirrorPassResult> {
    const { auth, logger, name } = this.options;
    let result: MirrorPassResult;
    try {
      result = await this.pass(
        await auth.getOwnServiceCredentials(),
        signal ?? new AbortController().signal,
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ForwardedError(
        `Syncing ${name} with the catalog failed`,
        error,
      );
    }
    if (result.updated || result.removed) {
      logger.info(
        `Synced ${name} with the catalog (${result.mode} pass): ${result.updated} updated, ${result.removed} removed, ${result.seen} entities read`,
      );
    }
    return result;
  }

  private async pass(
    credentials: BackstageCredentials,
    signal: AbortSignal,
  ): Promise<MirrorPassResult> {
    const checkpoint = await this.state.load();
    const startedAt = this.now();
    if (
      checkpoint?.stamped &&
      startedAt - checkpoint.lastFullAt < this.timing.reconcileIntervalMs
    ) {
      const result = await this.changesPass(
        credentials,
        checkpoint.lastPassAt,
        signal,
      );
      signal.throwIfAborted();
      if (result) {
        await this.state.save({ ...checkpoint, lastPassAt: startedAt });
        return result;
      }
    }
    const { stamped, ...result } = await this.fullPass(credentials, signal);
    signal.throwIfAborted();
    await this.state.save({
      stamped,
      lastPassAt: startedAt,
      lastFullAt: startedAt,
    });
    return result;
  }

  /** Also says whether the stamped kinds carry stamps. */
  private async fullPass(
    credentials: BackstageCredentials,
    signal: AbortSignal,
  ): Promise<MirrorPassResult & { stamped: boolean }> {
    const { catalog, target, stampedKinds, extra } = this.options;
    const stamped = await this.anyStamped(credentials);
    const current = await listEntityEtags(catalog, credentials, [
      { kind: stampedKinds },
      ...(extra ? [extra.filter] : []),
    ]);
    const held = await target.etags();
    const removed = [...held.keys()].filter(ref => !current.has(ref));
    this.declined = new Set();
    const updated = await this.fetchChanged(credentials, current, held, signal);
    signal.throwIfAborted();
    await target.remove(removed);

    if (!stamped && current.size > 0 && !this.warnedUnstamped) {
      this.warnedUnstamped = true;
      this.options.logger.warn(
        `Catalog entities of kinds ${stampedKinds.join(', ')} carry no ` +
          `${ANNOTATION_CHANGED_AT} annotation, so every pass lists all of ` +
          'them. Add @dataplatform/backstage-plugin-catalog-backend-module-data-platform to the catalog.',
      );
    }
    return {
      mode: 'full',
      seen: current.size,
      updated,
      removed: removed.length,
      stamped,
    };
  }

  /** Undefined when the pass cannot tell what changed: list everything. */
  private async changesPass(
    credentials: BackstageCredentials,
    previousPassAt: number,
    signal: AbortSignal,
  ): Promise<MirrorPassResult | undefined> {
    const { catalog, target, stampedKinds, extra } = this.options;
    const since = new Date(
      previousPassAt - this.timing.changeWindowMs,
    ).toISOString();
    const recent = await this.stampedSince(credentials, since);
    if (!recent) return undefined;

    const current = new Map(recent);
    let removed: string[] = [];
    let held = await target.etagsOf([...recent.keys()]);
    if (extra) {
      const extraCurrent = await listEntityEtags(catalog, credentials, [
        extra.filter,
      ]);
      const extraHeld = await target.etags([extra.kind]);
      removed = [...extraHeld.keys()].filter(ref => !extraCurrent.has(ref));
      extraCurrent.forEach((etag, ref) => current.set(ref, etag));
      held = new Map([...held, ...extraHeld]);
    }
    const updated = await this.fetchChanged(credentials, current, held, signal);
    signal.throwIfAborted();
    await target.remove(removed);

    // Anything removed from the stamped kinds shows in the counts. The kind
    // facet is counted from the catalog's search index alone (at 110k
    // entities a third of the time of a query's total count).
    const { facets } = await catalog.getEntityFacets(
      { filter: { kind: stampedKinds }, facets: ['kind'] },
      { credentials },
    );
    const totalItems = facets.kind.reduce((sum, f) => sum + f.count, 0);
    const declined = [...this.declined].filter(ref =>
      stampedKinds.includes(ref.slice(0, ref.indexOf(':'))),
    ).length;
    if (totalItems !== (await target.count(stampedKinds)) + declined) {
      return undefined;
    }
    return {
      mode: 'changes',
      seen: current.size,
      updated,
      removed: removed.length,
    };
  }

  /** Whether any entity of the stamped kinds carries a stamp. */
  private async anyStamped(
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const { items } = await this.options.catalog.queryEntities(
      {
        filter: { kind: this.options.stampedKinds },
        orderFields: { field: CHANGED_AT_FIELD, order: 'desc' },
        fields: [CHANGED_AT_FIELD],
        limit: 1,
        totalItems: 'exclude',
      },
      { credentials },
    );
    return stampOf(items[0]) !== undefined;
  }

  /**
   * Ref -> etag of the stamped entities stamped at or after `since`, read
   * newest first; undefined when there are more than `maxChanges`.
   */
  private async stampedSince(
    credentials: BackstageCredentials,
    since: string,
  ): Promise<Map<string, string> | undefined> {
    const fields = [...LIST_FIELDS, CHANGED_AT_FIELD];
    const etags = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, fields, limit: CHANGES_PAGE }
          : {
              filter: { kind: this.options.stampedKinds },
              orderFields: { field: CHANGED_AT_FIELD, order: 'desc' },
              fields,
              limit: CHANGES_PAGE,
              totalItems: 'exclude',
            },
        { credentials },
      );
      for (const entity of page.items) {
        const stamp = stampOf(entity);
        if (stamp === undefined || stamp < since) return etags;
        etags.set(stringifyEntityRef(entity), entity.metadata.etag ?? '');
      }
      if (etags.size > this.timing.maxChanges) return undefined;
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return etags;
  }

  /**
   * Fetches and puts the entities whose etag differs from the held one, and
   * removes those held that the target now declines.
   */
  private async fetchChanged(
    credentials: BackstageCredentials,
    current: Map<string, string>,
    held: Map<string, string>,
    signal: AbortSignal,
  ): Promise<number> {
    const changed = [...current]
      .filter(([ref, etag]) => held.get(ref) !== etag)
      .map(([ref]) => ref);
    let updated = 0;
    for (const batch of chunk(changed, FETCH_BATCH)) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: batch },
        { credentials },
      );
      const records: T[] = [];
      const declined: string[] = [];
      for (const entity of items) {
        if (!entity) continue;
        const ref = stringifyEntityRef(entity);
        const record = this.convert(entity, ref);
        if (record === undefined) {
          this.declined.add(ref);
          declined.push(ref);
        } else {
          this.declined.delete(ref);
          records.push(record);
        }
      }
      signal.throwIfAborted();
      await this.options.target.put(records);
      // An entity that no longer qualifies is not kept as it was.
      await this.options.target.remove(declined.filter(ref => held.has(ref)));
      updated += records.length;
    }
    return updated;
  }

  private convert(entity: Entity, ref: string): T | undefined {
    try {
      return this.options.target.convert(entity);
    } catch (error) {
      this.options.logger.warn(
        `Skipping ${ref} in ${this.options.name}: ${error}`,
      );
      return undefined;
    }
  }
}

function stampOf(entity: Entity | undefined): string | undefined {
  const stamp = entity?.metadata?.annotations?.[ANNOTATION_CHANGED_AT];
  return typeof stamp === 'string' ? stamp : undefined;
}
