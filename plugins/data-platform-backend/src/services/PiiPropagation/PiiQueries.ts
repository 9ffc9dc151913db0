import { NotFoundError } from '@backstage/errors';
import type {
  ColumnPii,
  EndpointPii,
  PiiFindingsPage,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import type { UnreadableEntities } from '../CatalogReadAccess';
import type { PiiCatalogStore } from './PiiCatalogStore';
import type { PiiResultStore } from './PiiResultStore';
import { isPersonal, WHOLE_DATASET } from './propagatePii';
import { ReadablePaths } from './ReadablePaths';

/**
 * Reads of propagated personal data for one caller: paths name only nodes
 * the caller may read (others are kept as unnamed steps), and findings on
 * endpoints they may not read are left out and counted.
 */
export class PiiQueries {
  constructor(
    private readonly deps: {
      db: Knex;
      catalog: PiiCatalogStore;
      results: PiiResultStore;
    },
  ) {}

  /** One endpoint's columns with personal data, and its findings. */
  async endpoint(
    ref: string,
    unreadable: UnreadableEntities,
  ): Promise<EndpointPii> {
    const { db, catalog, results } = this.deps;
    const notFound = new NotFoundError(`No endpoint "${ref}"`);
    if ((await unreadable([ref])).size > 0) throw notFound;
    const entity = await catalog.declaredByRef(ref);
    const node = await db('lineage_nodes').where('entity_ref', ref).first();
    if (!entity && !node) throw notFound;

    const pii = node ? (await results.read([node.id])).get(node.id) : undefined;
    const findings = await results.findingsOn(ref);
    const paths = new ReadablePaths(db, unreadable);
    for (const reaches of pii?.values() ?? []) {
      Object.values(reaches).forEach(r => paths.want(r.path));
    }
    findings.forEach(f => paths.want(f.path));
    await paths.resolve();

    const columns = new Map<string, ColumnPii>();
    const column = (name: string) => {
      let entry = columns.get(name);
      if (!entry) {
        entry = { column: name, derived: [] };
        const mark = entity?.columns.get(name);
        if (mark) entry.declared = mark;
        columns.set(name, entry);
      }
      return entry;
    };
    for (const [name, mark] of entity?.columns ?? []) {
      if (isPersonal(mark)) column(name);
    }
    const whole = pii?.get(WHOLE_DATASET)?.mayContain;
    for (const [name, reaches] of pii ?? []) {
      if (name === WHOLE_DATASET || !reaches.derived) continue;
      column(name).derived.push(paths.derivedPii(reaches.derived));
    }
    // "May contain" is about every column the endpoint has.
    if (whole) {
      for (const name of entity?.columns.keys() ?? []) {
        column(name).derived.push(paths.derivedPii(whole));
      }
    }
    const computedAt = node ? await results.computedAt(node.id) : undefined;
    return {
      ref,
      columns: [...columns.values()].sort((a, b) =>
        a.column.localeCompare(b.column, 'en-US'),
      ),
      findings: findings.map(f => paths.finding(f, entity?.title ?? ref)),
      ...(computedAt ? { computedAt: new Date(computedAt).toISOString() } : {}),
    };
  }

  /** A page of findings, on an owner's endpoints or on all. */
  async findings(
    options: { owner?: string; limit: number; offset: number },
    unreadable: UnreadableEntities,
  ): Promise<PiiFindingsPage> {
    const { db, results } = this.deps;
    const keys = await results.findingKeys(options.owner);
    const hiddenRefs = await unreadable([
      ...new Set(keys.map(k => k.endpointRef)),
    ]);
    const visible = keys.filter(k => !hiddenRefs.has(k.endpointRef));
    const page = await results.findingsByKeys(
      visible.slice(options.offset, options.offset + options.limit),
    );
    const paths = new ReadablePaths(db, unreadable);
    page.forEach(f => paths.want(f.path));
    await paths.resolve();
    const titles = await this.titles(page.map(f => f.endpointRef));
    const hidden = keys.length - visible.length;
    return {
      items: page.map(f =>
        paths.finding(f, titles.get(f.endpointRef) ?? f.endpointRef),
      ),
      total: visible.length,
      ...(hidden > 0 ? { hidden } : {}),
    };
  }

  private async titles(refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const rows = await this.deps
      .db('pii_catalog_entities')
      .select('entity_ref', 'title')
      .whereIn('entity_ref', [...new Set(refs)]);
    return new Map(rows.map(r => [r.entity_ref, r.title]));
  }
}
