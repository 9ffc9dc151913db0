import type {
  DerivedPiiCertainty,
  PiiClassification,
  PiiFindingKind,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../database/chunk';
import type { StoredFinding } from './findings';
import type { NodePii, Reach, StoredStep } from './propagatePii';

const COLUMNS = 'pii_columns';
const FINDINGS = 'pii_findings';
const BATCH = 200;

/** A stored finding with the time it was first made. */
export type KeptFinding = StoredFinding & { since: number };

type ColumnRow = {
  node_id: number;
  column: string;
  certainty: DerivedPiiCertainty;
  classification: PiiClassification;
  path: string;
  computed_at: number | string;
};

type FindingRow = {
  endpoint_ref: string;
  column: string;
  owner: string | null;
  kind: PiiFindingKind;
  certainty: DerivedPiiCertainty;
  classification: PiiClassification;
  path: string;
  since: number | string;
};

const toFinding = (row: FindingRow): KeptFinding => ({
  endpointRef: row.endpoint_ref,
  column: row.column,
  ...(row.owner ? { owner: row.owner } : {}),
  kind: row.kind,
  certainty: row.certainty,
  classification: row.classification,
  path: JSON.parse(row.path) as StoredStep[],
  since: Number(row.since),
});

/** What propagation computed: each node's columns, and the findings. */
export class PiiResultStore {
  constructor(private readonly db: Knex) {}

  /** The stored PII of these nodes. */
  async read(nodeIds: number[]): Promise<Map<number, NodePii>> {
    const result = new Map<number, NodePii>();
    for (const batch of chunk(nodeIds, 500)) {
      const rows: ColumnRow[] = await this.db(COLUMNS).whereIn(
        'node_id',
        batch,
      );
      for (const row of rows) {
        const id = Number(row.node_id);
        let pii = result.get(id);
        if (!pii) result.set(id, (pii = new Map()));
        const reaches = pii.get(row.column) ?? {};
        reaches[row.certainty] = {
          certainty: row.certainty,
          classification: row.classification,
          path: JSON.parse(row.path),
        };
        pii.set(row.column, reaches);
      }
    }
    return result;
  }

  /** When one node's PII was last computed, if it has any. */
  async computedAt(nodeId: number): Promise<number | undefined> {
    const row = await this.db(COLUMNS)
      .where('node_id', nodeId)
      .max({ at: 'computed_at' })
      .first();
    return row?.at ? Number(row.at) : undefined;
  }

  /**
   * Replaces the PII of the nodes in `scope` (every node when 'all') and
   * the findings on the endpoints `endpointRefs` (all when 'all'), in one
   * transaction. A finding that stands keeps its `since`.
   */
  async replace(options: {
    scope: number[] | 'all';
    endpointRefs: string[] | 'all';
    results: Map<number, NodePii>;
    findings: StoredFinding[];
    now: number;
  }): Promise<void> {
    const { scope, endpointRefs, results, findings, now } = options;
    await this.db.transaction(async tx => {
      if (scope === 'all') await tx(COLUMNS).delete();
      else {
        for (const batch of chunk(scope, 500)) {
          await tx(COLUMNS).whereIn('node_id', batch).delete();
        }
      }
      const rows: ColumnRow[] = [];
      for (const [node, pii] of results) {
        for (const [column, reaches] of pii) {
          for (const reach of Object.values(reaches) as Reach[]) {
            rows.push({
              node_id: node,
              column,
              certainty: reach.certainty,
              classification: reach.classification,
              path: JSON.stringify(reach.path),
              computed_at: now,
            });
          }
        }
      }
      for (const batch of chunk(rows, BATCH)) await tx(COLUMNS).insert(batch);

      const since = new Map<string, number>();
      const key = (ref: string, column: string) => `${ref}\0${column}`;
      const keep = (
        kept: { endpoint_ref: string; column: string; since: any }[],
      ) =>
        kept.forEach(r =>
          since.set(key(r.endpoint_ref, r.column), Number(r.since)),
        );
      if (endpointRefs === 'all') {
        keep(await tx(FINDINGS).select('endpoint_ref', 'column', 'since'));
        await tx(FINDINGS).delete();
      } else {
        for (const batch of chunk(endpointRefs, 500)) {
          keep(
            await tx(FINDINGS)
              .select('endpoint_ref', 'column', 'since')
              .whereIn('endpoint_ref', batch),
          );
          await tx(FINDINGS).whereIn('endpoint_ref', batch).delete();
        }
      }
      const findingRows: FindingRow[] = findings.map(f => ({
        endpoint_ref: f.endpointRef,
        column: f.column,
        owner: f.owner ?? null,
        kind: f.kind,
        certainty: f.certainty,
        classification: f.classification,
        path: JSON.stringify(f.path),
        since: since.get(key(f.endpointRef, f.column)) ?? now,
      }));
      for (const batch of chunk(findingRows, BATCH)) {
        await tx(FINDINGS).insert(batch);
      }
    });
  }

  /** The findings on one endpoint, by column. */
  async findingsOn(endpointRef: string): Promise<KeptFinding[]> {
    const rows: FindingRow[] = await this.db(FINDINGS)
      .where('endpoint_ref', endpointRef)
      .orderBy('column');
    return rows.map(toFinding);
  }

  /** The endpoint of every finding (an owner's, when given), in page order. */
  async findingKeys(
    owner?: string,
  ): Promise<{ endpointRef: string; column: string }[]> {
    const query = this.db(FINDINGS)
      .select('endpoint_ref', 'column')
      .orderBy(['endpoint_ref', 'column']);
    if (owner) query.where('owner', owner);
    const rows = await query;
    return rows.map(r => ({ endpointRef: r.endpoint_ref, column: r.column }));
  }

  /** These findings, whole. */
  async findingsByKeys(
    keys: { endpointRef: string; column: string }[],
  ): Promise<KeptFinding[]> {
    if (keys.length === 0) return [];
    const rows: FindingRow[] = await this.db(FINDINGS).where(query => {
      for (const k of keys) {
        query.orWhere(term =>
          term.where({ endpoint_ref: k.endpointRef, column: k.column }),
        );
      }
    });
    const byKey = new Map(
      rows.map(r => [`${r.endpoint_ref}\0${r.column}`, toFinding(r)]),
    );
    return keys
      .map(k => byKey.get(`${k.endpointRef}\0${k.column}`))
      .filter((f): f is KeptFinding => f !== undefined);
  }
}
