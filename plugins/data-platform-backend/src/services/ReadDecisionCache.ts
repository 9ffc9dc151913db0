/** What the catalog answered about one entity, and until when it is used. */
type Decision = { readable: boolean; until: number };

/**
 * The catalog's recent answers about which entities a caller may read, per
 * scope (a caller under one set of policy conditions), each used for `ttlMs`
 * after the request that gave it was sent. Entries are kept in the order they
 * were given, so the expired ones are dropped from the front as the next
 * lookups pass: what is kept is at most `ttlMs` of answers.
 */
export class ReadDecisionCache {
  private readonly scopes = new Map<string, Map<string, Decision>>();

  constructor(
    private readonly ttlMs: number,
    readonly now: () => number = Date.now,
  ) {
    if (!(ttlMs >= 0)) throw new Error('the decision TTL must not be negative');
  }

  /**
   * The refs known to be unreadable within the window, and those the
   * catalog must be asked about (each once).
   */
  lookup(
    scope: string,
    refs: string[],
  ): { unreadable: Set<string>; undecided: string[] } {
    const now = this.now();
    this.dropExpired(now);
    const decisions = this.scopes.get(scope);
    const unreadable = new Set<string>();
    const undecided = new Set<string>();
    for (const ref of refs) {
      const decision = decisions?.get(ref);
      if (!decision || decision.until <= now) undecided.add(ref);
      else if (!decision.readable) unreadable.add(ref);
    }
    return { unreadable, undecided: [...undecided] };
  }

  /** The catalog's answer about `refs`, asked at `askedAt`. */
  remember(
    scope: string,
    refs: string[],
    unreadable: Set<string>,
    askedAt: number,
  ): void {
    if (this.ttlMs === 0) return;
    let decisions = this.scopes.get(scope);
    if (!decisions) {
      decisions = new Map();
      this.scopes.set(scope, decisions);
    }
    const until = askedAt + this.ttlMs;
    for (const ref of refs) {
      // Deleted first, so that the map stays in the order answers came.
      decisions.delete(ref);
      decisions.set(ref, { readable: !unreadable.has(ref), until });
    }
  }

  /** How many answers are kept (across scopes). */
  get size(): number {
    let size = 0;
    for (const decisions of this.scopes.values()) size += decisions.size;
    return size;
  }

  private dropExpired(now: number) {
    for (const [scope, decisions] of this.scopes) {
      for (const [ref, decision] of decisions) {
        if (decision.until > now) break;
        decisions.delete(ref);
      }
      if (decisions.size === 0) this.scopes.delete(scope);
    }
  }
}
