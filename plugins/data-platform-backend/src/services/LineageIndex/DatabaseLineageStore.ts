import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import { groupBy } from '../../collections/groupBy';
import { bumpLineageVersion } from './LineageGraphCache';
import { searchText } from './nodeIds';
import { probeKeys } from './probeKeys';
import type {
  LineageEntityRecord,
  LineageObservation,
  NodeRow,
  ObservedNode,
} from './types';

const BATCH = 500;
/** Spotify's platform has ~110,000 nodes. */
const MET_NODES_CAPACITY = 250_000;

/** A set that forgets its oldest members past `capacity`. */
class BoundedSet {
  private readonly members = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(member: string): boolean {
    return this.members.has(member);
  }

  add(member: string) {
    if (this.members.has(member)) return;
    this.members.add(member);
    if (this.members.size > this.capacity) {
      this.members.delete(this.members.values().next().value!);
    }
  }
}

const NODE_KINDS: Record<string, string> = {
  eventtype: 'EventType',
  pipeline: 'Pipeline',
  dataendpoint: 'DataEndpoint',
  component: 'Component',
};

/** The node kind of a catalog kind, given in any case. */
function nodeKind(kind: string): string {
  return NODE_KINDS[kind.toLocaleLowerCase('en-US')] ?? 'DataEndpoint';
}

function kindOfRef(ref: string): string {
  return nodeKind(ref.slice(0, ref.indexOf(':')));
}

function nameOfRef(ref: string): string {
  return ref.slice(ref.indexOf('/') + 1);
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** An upsert's value for `column`: the incoming row's unless it is older. */
function newerWins(tx: Knex.Transaction, column: string): Knex.Raw {
  return tx.raw(
    `CASE WHEN excluded.last_seen_at >= lineage_column_edges.last_seen_at THEN excluded.${column} ELSE lineage_column_edges.${column} END`,
  );
}

/**
 * Writes of the lineage index: catalog entities with their declared edges,
 * and OpenLineage observations. Reads live in LineageQueries.
 */
export class DatabaseLineageStore {
  /** OpenLineage identities this store has seen nodes of (a hint only). */
  private readonly metNodes = new BoundedSet(MET_NODES_CAPACITY);

  constructor(private readonly db: Knex) {}

  /**
   * Entity ref -> etag of every node a catalog entity backs, or of those of
   * these catalog kinds.
   */
  async entityEtags(kinds?: string[]): Promise<Map<string, string>> {
    const query = this.db('lineage_nodes')
      .select('entity_ref', 'entity_etag')
      .whereNotNull('entity_etag');
    if (kinds) query.whereIn('kind', kinds.map(nodeKind));
    const rows = await query;
    return new Map(rows.map(r => [r.entity_ref, r.entity_etag]));
  }

  /** Entity ref -> etag of those of these entities the index holds. */
  async entityEtagsOf(refs: string[]): Promise<Map<string, string>> {
    const etags = new Map<string, string>();
    for (const batch of chunk(refs, BATCH)) {
      const rows = await this.db('lineage_nodes')
        .select('entity_ref', 'entity_etag')
        .whereIn('entity_ref', batch)
        .whereNotNull('entity_etag');
      rows.forEach(r => etags.set(r.entity_ref, r.entity_etag));
    }
    return etags;
  }

  /** How many catalog entities of these kinds the index holds. */
  async countEntities(kinds: string[]): Promise<number> {
    const [{ count }] = await this.db('lineage_nodes')
      .whereIn('kind', kinds.map(nodeKind))
      .whereNotNull('entity_etag')
      .count({ count: '*' });
    return Number(count);
  }

  /**
   * Adds or replaces entities and the edges they declare, in one transaction.
   * A node first seen in OpenLineage events with the entity's OpenLineage
   * identity becomes this entity's node.
   */
  async upsertEntities(records: LineageEntityRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.transaction(async tx => {
      for (const batch of chunk(records, BATCH)) {
        await this.claimObservedNodes(tx, batch);
        await tx('lineage_nodes')
          .insert(
            batch.map(r => ({
              kind: r.kind,
              title: r.title,
              entity_ref: r.entityRef,
              entity_etag: r.etag,
              owner: r.owner ?? null,
              ol_namespace: r.openLineage?.namespace ?? null,
              ol_name: r.openLineage?.name ?? null,
              search_text: searchText([
                r.title,
                nameOfRef(r.entityRef),
                r.openLineage?.name,
              ]),
            })),
          )
          .onConflict('entity_ref')
          .merge([
            'kind',
            'title',
            'entity_etag',
            'owner',
            'ol_namespace',
            'ol_name',
            'search_text',
          ]);
      }
      const refs = records.map(r => r.entityRef);
      await bumpLineageVersion(tx);
      await this.dropDeclaredEdges(tx, refs);
      const edges = records.flatMap(r =>
        r.declaredEdges.map(e => ({ ...e, declaredBy: r.entityRef })),
      );
      const ids = await this.ensureRefNodes(
        tx,
        edges.flatMap(e => [e.from, e.to]),
      );
      for (const batch of chunk(edges, BATCH)) {
        await tx('lineage_edges')
          .insert(
            batch.map(e => ({
              from_id: ids.get(e.from),
              to_id: ids.get(e.to),
              declared_by: e.declaredBy,
            })),
          )
          .onConflict(['from_id', 'to_id'])
          .merge(['declared_by']);
      }
    });
  }

  /**
   * Forgets entities that left the catalog. Their declared edges go; a node
   * that OpenLineage events or other entities still point at stays, no
   * longer registered.
   */
  async removeEntities(refs: string[]): Promise<void> {
    if (refs.length === 0) return;
    await this.db.transaction(async tx => {
      await bumpLineageVersion(tx);
      await this.dropDeclaredEdges(tx, refs);
      for (const batch of chunk(refs, BATCH)) {
        await tx('lineage_nodes')
          .whereIn('entity_ref', batch)
          .update({ entity_etag: null });
        const orphans = tx('lineage_nodes')
          .select('id')
          .whereIn('entity_ref', batch)
          .whereNotExists(
            tx('lineage_edges')
              .select(tx.raw('1'))
              .where('from_id', tx.ref('lineage_nodes.id'))
              .orWhere('to_id', tx.ref('lineage_nodes.id')),
          );
        await tx('lineage_column_edges')
          .whereIn('from_id', orphans.clone())
          .orWhereIn('to_id', orphans.clone())
          .delete();
        await tx('lineage_nodes').whereIn('id', orphans).delete();
      }
    });
  }

  /**
   * Merges lineage seen in OpenLineage events into the index, in `tx` when
   * given (the ingestion's transaction), else in a transaction of its own.
   */
  async recordObservation(
    observation: LineageObservation,
    outerTx?: Knex.Transaction,
  ): Promise<void> {
    const { edges, columnEdges, seenAt } = observation;
    const alone = observation.nodes ?? [];
    if (edges.length === 0 && columnEdges.length === 0 && alone.length === 0) {
      return;
    }
    const write = async (tx: Knex.Transaction) => {
      const nodes = [
        ...alone,
        ...edges.flatMap(e => [e.from, e.to]),
        ...columnEdges.flatMap(e => [e.from, e.to, ...(e.via ? [e.via] : [])]),
      ];
      const { ids, created } = await this.ensureObservedNodes(tx, nodes);
      const key = observedKey;
      // Rows go in key order so that concurrent observations lock the same
      // rows in the same order (PostgreSQL would otherwise deadlock them).
      const edgeRows = edges
        .map(e => ({
          from_id: ids.get(key(e.from))!,
          to_id: ids.get(key(e.to))!,
          last_seen_at: e.seenAt ?? seenAt,
        }))
        .sort((a, b) => a.from_id - b.from_id || a.to_id - b.to_id);
      // A node alone changes the graph too (catalog gaps list it); a new
      // node's edges are new, so edges need no checking then.
      if (created || (await this.hasNewEdges(tx, edgeRows))) {
        await bumpLineageVersion(tx);
      }
      for (const batch of chunk(edgeRows, BATCH)) {
        await tx('lineage_edges')
          .insert(batch)
          .onConflict(['from_id', 'to_id'])
          .merge({
            last_seen_at: tx.raw(
              'CASE WHEN lineage_edges.last_seen_at IS NULL OR lineage_edges.last_seen_at < excluded.last_seen_at THEN excluded.last_seen_at ELSE lineage_edges.last_seen_at END',
            ),
          });
      }
      const columnRows = columnEdges.map(e => ({
        from_id: ids.get(key(e.from))!,
        from_column: e.from.column,
        to_id: ids.get(key(e.to))!,
        to_column: e.to.column,
        via_id: e.via ? ids.get(key(e.via))! : null,
        transformations: JSON.stringify(e.transformations),
        last_seen_at: e.seenAt ?? seenAt,
      }));
      columnRows.sort(
        (a, b) =>
          a.from_id - b.from_id ||
          compare(a.from_column, b.from_column) ||
          a.to_id - b.to_id ||
          compare(a.to_column, b.to_column),
      );
      for (const batch of chunk(columnRows, BATCH)) {
        await tx('lineage_column_edges')
          .insert(batch)
          .onConflict(['from_id', 'from_column', 'to_id', 'to_column'])
          .merge({
            // The newest event wins whatever order events arrive in.
            via_id: newerWins(tx, 'via_id'),
            transformations: newerWins(tx, 'transformations'),
            last_seen_at: newerWins(tx, 'last_seen_at'),
          });
      }
    };
    await (outerTx ? write(outerTx) : this.db.transaction(write));
  }

  /**
   * Forgets all observed lineage (before it is rebuilt from the stored
   * OpenLineage events): column edges, observed-only edges and the
   * unregistered nodes they leave unconnected. Declared edges stay.
   */
  async forgetObservations(tx: Knex.Transaction): Promise<void> {
    await bumpLineageVersion(tx);
    await tx('lineage_column_edges').delete();
    await tx('lineage_edges').whereNull('declared_by').delete();
    await tx('lineage_edges').update({ last_seen_at: null });
    await tx('lineage_nodes')
      .whereNull('entity_ref')
      .whereNotExists(
        tx('lineage_edges')
          .select(tx.raw('1'))
          .where('from_id', tx.ref('lineage_nodes.id'))
          .orWhere('to_id', tx.ref('lineage_nodes.id')),
      )
      .delete();
  }

  /** Whether any of these edges is new, or never observed before: the graph changes shape. */
  private async hasNewEdges(
    tx: Knex.Transaction,
    edges: { from_id: number; to_id: number }[],
  ): Promise<boolean> {
    for (const batch of chunk(edges, BATCH)) {
      const probed = await probeKeys(tx, {
        table: 'lineage_edges',
        keyColumns: ['from_id', 'to_id'],
        integer: [true, true],
        column: 'last_seen_at',
        keys: batch.map(e => [e.from_id, e.to_id]),
      });
      // A declared edge seen for the first time changes its source too.
      if (probed.some(p => p.found === null)) return true;
    }
    return false;
  }

  /** Declared edges of these entities go; observed ones stay, undeclared. */
  private async dropDeclaredEdges(tx: Knex.Transaction, refs: string[]) {
    for (const batch of chunk(refs, BATCH)) {
      await tx('lineage_edges')
        .whereIn('declared_by', batch)
        .whereNull('last_seen_at')
        .delete();
      await tx('lineage_edges')
        .whereIn('declared_by', batch)
        .update({ declared_by: null });
    }
  }

  /**
   * An entity whose OpenLineage identity an unregistered node already has
   * takes that node over (keeping its observed edges). An identity another
   * entity holds stays with that entity.
   */
  private async claimObservedNodes(
    tx: Knex.Transaction,
    records: LineageEntityRecord[],
  ) {
    const withIdentity = records.filter(r => r.openLineage);
    const byNamespace = groupBy(withIdentity, r => r.openLineage!.namespace);
    for (const [namespace, list] of byNamespace) {
      const rows: NodeRow[] = await tx('lineage_nodes')
        .where('ol_namespace', namespace)
        .whereIn(
          'ol_name',
          list.map(r => r.openLineage!.name),
        );
      for (const row of rows) {
        const record = list.find(r => r.openLineage!.name === row.ol_name)!;
        if (row.entity_ref === record.entityRef) continue;
        const holder = row.entity_etag ? row.entity_ref : null;
        if (holder) {
          // Two entities claim one OpenLineage name: the first keeps it.
          record.openLineage = undefined;
          continue;
        }
        // Any node this entity already has (e.g. a placeholder created by
        // another entity's declared edge) merges into the observed node.
        const own = await tx('lineage_nodes')
          .where('entity_ref', record.entityRef)
          .first();
        if (own && own.id !== row.id) {
          await this.mergeNodeInto(tx, own.id, row.id);
        }
        await tx('lineage_nodes')
          .where('id', row.id)
          .update({ entity_ref: record.entityRef });
      }
    }
  }

  /** Moves every edge of node `from` onto node `into`, then deletes `from`. */
  private async mergeNodeInto(
    tx: Knex.Transaction,
    from: number,
    into: number,
  ) {
    const edges = await tx('lineage_edges')
      .where('from_id', from)
      .orWhere('to_id', from);
    for (const e of edges) {
      await tx('lineage_edges')
        .insert({
          from_id: e.from_id === from ? into : e.from_id,
          to_id: e.to_id === from ? into : e.to_id,
          declared_by: e.declared_by,
          last_seen_at: e.last_seen_at,
        })
        .onConflict(['from_id', 'to_id'])
        .merge(['declared_by']);
    }
    await tx('lineage_edges')
      .where('from_id', from)
      .orWhere('to_id', from)
      .delete();
    await tx('lineage_column_edges')
      .where('from_id', from)
      .orWhere('to_id', from)
      .delete();
    await tx('lineage_nodes').where('id', from).delete();
  }

  /** Node ids for entity refs, creating unregistered placeholders as needed. */
  private async ensureRefNodes(
    tx: Knex.Transaction,
    refs: string[],
  ): Promise<Map<string, number>> {
    const unique = [...new Set(refs)];
    const ids = new Map<string, number>();
    for (const batch of chunk(unique, BATCH)) {
      await tx('lineage_nodes')
        .insert(
          batch.map(ref => ({
            kind: kindOfRef(ref),
            title: nameOfRef(ref),
            entity_ref: ref,
            search_text: searchText([nameOfRef(ref)]),
          })),
        )
        .onConflict('entity_ref')
        .ignore();
      const rows = await tx('lineage_nodes')
        .select('id', 'entity_ref')
        .whereIn('entity_ref', batch);
      for (const row of rows) ids.set(row.entity_ref, row.id);
    }
    return ids;
  }

  /**
   * Node ids for OpenLineage identities, creating unregistered nodes as
   * needed; `created` says whether it did. A dataset and a job of one
   * namespace and name share their node.
   *
   * Identities this store has met in the index before are looked up first;
   * the others are inserted first, the insert answering the ids of those it
   * created, and only the ones it did not create (another writer's, or older
   * than this process) are looked up after it. A first sight of a platform
   * then costs one insert per node rather than a lookup, an insert and a
   * lookup, and a lookup never reads a node that is not there yet.
   */
  private async ensureObservedNodes(
    tx: Knex.Transaction,
    nodes: ObservedNode[],
  ): Promise<{ ids: Map<string, number>; created: boolean }> {
    const byIdentity = new Map<string, Identity>();
    for (const n of nodes) {
      const k = identityKey(n.namespace, n.name);
      if (!byIdentity.has(k)) byIdentity.set(k, n);
    }
    // In (namespace, name) order, as the edges: no lock-order deadlocks.
    const identities = [...byIdentity.values()].sort(
      (a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name),
    );
    const idOf = new Map<string, number>();
    const found = (namespace: string, name: string, id: number) => {
      const k = identityKey(namespace, name);
      idOf.set(k, Number(id));
      this.metNodes.add(k);
    };
    const lookUp = async (list: Identity[]) => {
      for (const batch of chunk(list, BATCH)) {
        const probed = await probeKeys<number>(tx, {
          table: 'lineage_nodes',
          keyColumns: ['ol_namespace', 'ol_name'],
          column: 'id',
          keys: batch.map(n => [n.namespace, n.name]),
        });
        for (const { key, found: id } of probed) {
          if (id !== null) found(String(key[0]), String(key[1]), id);
        }
      }
    };
    const met = (n: Identity) =>
      this.metNodes.has(identityKey(n.namespace, n.name));
    await lookUp(identities.filter(met));
    const missing = identities.filter(
      n => !idOf.has(identityKey(n.namespace, n.name)),
    );
    let created = false;
    for (const batch of chunk(missing, BATCH)) {
      const inserted = await tx('lineage_nodes')
        .insert(
          batch.map(n => ({
            kind: n.type === 'job' ? 'Job' : 'Dataset',
            title: n.name,
            ol_namespace: n.namespace,
            ol_name: n.name,
            search_text: searchText([n.name, n.namespace]),
          })),
        )
        .onConflict(['ol_namespace', 'ol_name'])
        .ignore()
        .returning(['id', 'ol_namespace', 'ol_name']);
      if (inserted.length > 0) created = true;
      for (const row of inserted) found(row.ol_namespace, row.ol_name, row.id);
    }
    await lookUp(
      missing.filter(n => !idOf.has(identityKey(n.namespace, n.name))),
    );
    const ids = new Map<string, number>();
    for (const n of nodes) {
      ids.set(observedKey(n), idOf.get(identityKey(n.namespace, n.name))!);
    }
    return { ids, created };
  }
}

type Identity = { type: ObservedNode['type']; namespace: string; name: string };

function identityKey(namespace: string, name: string): string {
  return `${namespace}\0${name}`;
}

/** What a caller names an observed node by. */
function observedKey(n: ObservedNode): string {
  return `${n.type}\0${n.namespace}\0${n.name}`;
}
