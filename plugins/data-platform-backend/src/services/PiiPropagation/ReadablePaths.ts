import type {
  DerivedPii,
  PiiFinding,
  PiiPathStep,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import type { UnreadableEntities } from '../CatalogReadAccess';
import { parseOpenLineageNodeId, publicNodeId } from '../LineageIndex/nodeIds';
import { nodeRowsByIds } from '../LineageIndex/nodeRows';
import type { KeptFinding } from './PiiResultStore';
import { Reach, StoredStep, WHOLE_DATASET } from './propagatePii';

type NodeName = { id: string; title: string };

/** A step through a node the caller may not read: kept, unnamed. */
const HIDDEN_STEP: PiiPathStep = { node: '', title: '', hidden: true };

/** Stored paths made readable for one caller. */
export class ReadablePaths {
  private readonly ids = new Set<number>();
  private names = new Map<number, NodeName>();
  private hidden = new Set<string>();

  constructor(
    private readonly db: Knex,
    private readonly unreadable: UnreadableEntities,
  ) {}

  want(path: StoredStep[]) {
    for (const step of path) {
      this.ids.add(step.n);
      if (step.v !== undefined) this.ids.add(step.v);
    }
  }

  async resolve() {
    const rows = await nodeRowsByIds(this.db, [...this.ids]);
    this.names = new Map(
      rows.map(r => [r.id, { id: publicNodeId(r), title: r.title }]),
    );
    const refs = [...this.names.values()]
      .map(n => n.id)
      .filter(id => !parseOpenLineageNodeId(id));
    this.hidden = await this.unreadable(refs);
  }

  private visible(id: number): NodeName | undefined {
    const name = this.names.get(id);
    return name && !this.hidden.has(name.id) ? name : undefined;
  }

  step(step: StoredStep): PiiPathStep {
    const node = this.visible(step.n);
    if (!node) return HIDDEN_STEP;
    const via = step.v !== undefined ? this.visible(step.v) : undefined;
    return {
      node: node.id,
      title: node.title,
      ...(step.c !== undefined ? { column: step.c } : {}),
      ...(via ? { via: via.id } : {}),
    };
  }

  derivedPii(reach: Reach): DerivedPii {
    return {
      certainty: reach.certainty,
      classification: reach.classification,
      path: reach.path.map(s => this.step(s)),
    };
  }

  finding(f: KeptFinding, title: string): PiiFinding {
    const path = f.path.map(s => this.step(s));
    const source = path[0];
    const from =
      source && !source.hidden
        ? `${source.column} of ${source.title}`
        : 'a column you cannot see';
    const what = `${f.classification} personal data from ${from}`;
    let message = `${f.column} receives ${what} but has no PII mark.`;
    if (f.column === WHOLE_DATASET) {
      message = `${title} declares no personal data but may contain ${what}: it reads that dataset without column lineage.`;
    } else if (f.kind === 'declaredNone') {
      message = `${f.column} is declared pii: none but receives ${what}.`;
    }
    return {
      endpoint: f.endpointRef,
      title,
      ...(f.owner ? { owner: f.owner } : {}),
      ...(f.column !== WHOLE_DATASET ? { column: f.column } : {}),
      kind: f.kind,
      certainty: f.certainty,
      classification: f.classification,
      path,
      message,
      since: new Date(f.since).toISOString(),
    };
  }
}
