import type { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import type { JobLease } from '../JobLease/JobLease';
import { parseOpenLineageNodeId } from '../LineageIndex/nodeIds';
import { findingsOf, StoredFinding } from './findings';
import type { PiiCatalogStore } from './PiiCatalogStore';
import { PiiGraph } from './PiiGraph';
import type { PiiResultStore } from './PiiResultStore';
import { propagatePii, WHOLE_DATASET } from './propagatePii';

/** What one recompute looked at and found. */
export type PiiRecomputeSummary = {
  mode: 'full' | 'incremental';
  /** Nodes whose PII was recomputed. */
  nodes: number;
  /** Declared personal columns the recompute started from. */
  declaredColumns: number;
  columnEdges: number;
  /** Columns with derived (not only "may contain") personal data. */
  derivedColumns: number;
  /** Datasets that may contain personal data through dataset-level lineage. */
  mayContain: number;
  findings: number;
};

const DIRTY = 'pii_dirty_nodes';

/**
 * Computes which columns carry personal data from upstream, and the
 * findings, into the plugin's tables: all of it (`recomputeAll`), or only
 * what is downstream of the nodes queued in `pii_dirty_nodes` since
 * (`processChanges`), which gives the same answer for those nodes. Both run
 * under one lease, so that instances never write over each other.
 */
export class PiiPropagator {
  private readonly graph: PiiGraph;
  private timer?: NodeJS.Timeout;
  private draining = false;
  private again = false;

  constructor(
    private readonly options: {
      db: Knex;
      catalog: PiiCatalogStore;
      results: PiiResultStore;
      lease: JobLease;
      logger: LoggerService;
      /** How long queued changes wait to be taken together. */
      batchDelayMs?: number;
      /**
       * Queued nodes one incremental recompute takes at most; more queued
       * than that (a first catalog sync) recompute everything. Default 5000.
       */
      maxQueued?: number;
      now?: () => number;
    },
  ) {
    this.graph = new PiiGraph(options.db);
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /** Recomputes every node's PII and every finding. */
  async recomputeAll(signal?: AbortSignal): Promise<PiiRecomputeSummary> {
    const { catalog, results, db } = this.options;
    const startedAt = this.now();
    const { declared, entities } = await catalog.declaredOf();
    const { edges, links } = await this.graph.all();
    signal?.throwIfAborted();
    const computed = propagatePii({ declared, edges, links });
    const findings: StoredFinding[] = [];
    for (const [node, entity] of entities) {
      findings.push(...findingsOf(entity, computed.get(node)));
    }
    signal?.throwIfAborted();
    await results.replace({
      scope: 'all',
      endpointRefs: 'all',
      results: computed,
      findings,
      now: startedAt,
    });
    await db(DIRTY).where('marked_at', '<', startedAt).delete();
    const [{ nodes }] = await db('lineage_nodes').count({ nodes: '*' });
    return summarize(
      'full',
      Number(nodes),
      declared,
      edges.length,
      computed,
      findings,
    );
  }

  /**
   * Recomputes these nodes and everything downstream of them, and the
   * findings on them and on `endpointRefs` (endpoints that may have left
   * the lineage index).
   */
  async recomputeDownstreamOf(
    nodeIds: number[],
    endpointRefs: string[] = [],
  ): Promise<PiiRecomputeSummary> {
    const { catalog, results, db } = this.options;
    const startedAt = this.now();
    const scope = await this.graph.downstreamOf(nodeIds);
    const { edges, links } = await this.graph.into([...scope]);
    const boundary = new Set<number>();
    for (const e of edges) if (!scope.has(e.from)) boundary.add(e.from);
    for (const l of links) if (!scope.has(l.from)) boundary.add(l.from);
    const { declared, entities } = await catalog.declaredOf([
      ...scope,
      ...boundary,
    ]);
    const upstream = await results.read([...boundary]);
    const computed = propagatePii({ declared, edges, links, scope, upstream });

    const findings: StoredFinding[] = [];
    for (const node of scope) {
      const entity = entities.get(node);
      if (entity) findings.push(...findingsOf(entity, computed.get(node)));
    }
    const refs = new Set(endpointRefs);
    for (const batch of chunk([...scope], 500)) {
      const rows = await db('lineage_nodes')
        .select('entity_ref')
        .whereIn('id', batch)
        .whereNotNull('entity_ref');
      rows.forEach(r => refs.add(r.entity_ref));
    }
    await results.replace({
      scope: [...scope],
      endpointRefs: [...refs],
      results: computed,
      findings,
      now: startedAt,
    });
    const scopedDeclared = new Map(
      [...declared].filter(([node]) => scope.has(node)),
    );
    return summarize(
      'incremental',
      scope.size,
      scopedDeclared,
      edges.length,
      computed,
      findings,
    );
  }

  /**
   * Recomputes what is downstream of the queued nodes until the queue is
   * empty; a queued '*', or `maxQueued` nodes or more, recomputes
   * everything. Undefined when nothing was queued.
   */
  async processChanges(
    signal?: AbortSignal,
  ): Promise<PiiRecomputeSummary | undefined> {
    const { db } = this.options;
    const maxQueued = this.options.maxQueued ?? 5000;
    let last: PiiRecomputeSummary | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const queued: { node: string; marked_at: number | string }[] = await db(
        DIRTY,
      )
        .select('node', 'marked_at')
        .orderBy('marked_at')
        .limit(maxQueued);
      if (queued.length === 0) return last;
      // A first catalog sync queues every entity: then, and whenever more is
      // queued than a page, one full recompute costs less than the pages'
      // overlapping downstream closures.
      if (queued.length >= maxQueued || queued.some(q => q.node === '*')) {
        return this.recomputeAll(signal);
      }
      const { ids, refs } = await this.resolve(queued.map(q => q.node));
      last = await this.recomputeDownstreamOf(ids, refs);
      // What was queued again meanwhile stays queued.
      for (const batch of chunk(queued, 200)) {
        await db(DIRTY)
          .where(query => {
            for (const q of batch) {
              query.orWhere(term =>
                term
                  .where('node', q.node)
                  .andWhere('marked_at', '<=', Number(q.marked_at)),
              );
            }
          })
          .delete();
      }
    }
  }

  /** Node row ids of queued public ids, and the entity refs among them. */
  private async resolve(
    nodes: string[],
  ): Promise<{ ids: number[]; refs: string[] }> {
    const { db } = this.options;
    const ids = new Set<number>();
    const refs: string[] = [];
    const observed: { namespace: string; name: string }[] = [];
    for (const node of nodes) {
      const parsed = parseOpenLineageNodeId(node);
      if (parsed) observed.push(parsed);
      else refs.push(node);
    }
    for (const batch of chunk(refs, 500)) {
      const rows = await db('lineage_nodes')
        .select('id')
        .whereIn('entity_ref', batch);
      rows.forEach(r => ids.add(Number(r.id)));
    }
    for (const batch of chunk(observed, 200)) {
      const rows = await db('lineage_nodes')
        .select('id')
        .where(query => {
          for (const o of batch) {
            query.orWhere(term =>
              term.where({ ol_namespace: o.namespace, ol_name: o.name }),
            );
          }
        });
      rows.forEach(r => ids.add(Number(r.id)));
    }
    return { ids: [...ids], refs };
  }

  /**
   * Processes queued changes soon, under the lease: changes queued within
   * `batchDelayMs` of each other are taken together; while another
   * instance holds the lease, it tries again later.
   */
  requestChanges(delayMs = this.options.batchDelayMs ?? 500): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delayMs);
    this.timer.unref();
  }

  private async drain() {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        const run = await this.options.lease.run(
          lease => this.processChanges(lease.signal),
          { evenIfNotDue: true },
        );
        if (!run.ran) {
          this.requestChanges(5_000);
          return;
        }
        if (run.value && run.value.findings + run.value.derivedColumns > 0) {
          this.options.logger.debug(
            `Personal data recomputed for ${run.value.nodes} lineage nodes (${run.value.mode})`,
          );
        }
      } while (this.again);
    } catch (error) {
      this.options.logger.warn(
        `Recomputing personal data downstream of changes failed; the next change or the full recompute retries: ${error}`,
      );
    } finally {
      this.draining = false;
    }
  }

  /** Stops a pending request (shutdown, tests). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function summarize(
  mode: PiiRecomputeSummary['mode'],
  nodes: number,
  declared: Map<number, Map<string, unknown>>,
  columnEdges: number,
  computed: ReturnType<typeof propagatePii>,
  findings: StoredFinding[],
): PiiRecomputeSummary {
  let declaredColumns = 0;
  for (const columns of declared.values()) {
    for (const mark of columns.values()) {
      if (mark && mark !== 'none') declaredColumns++;
    }
  }
  let derivedColumns = 0;
  let mayContain = 0;
  for (const pii of computed.values()) {
    for (const [column, reaches] of pii) {
      if (column !== WHOLE_DATASET && reaches.derived) derivedColumns++;
      if (column === WHOLE_DATASET && reaches.mayContain) mayContain++;
    }
  }
  return {
    mode,
    nodes,
    declaredColumns,
    columnEdges,
    derivedColumns,
    mayContain,
    findings: findings.length,
  };
}
