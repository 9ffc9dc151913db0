import type {
  DerivedPiiCertainty,
  PiiClassification,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** One hop of a stored path: a column of a lineage node (by row id). */
export type StoredStep = {
  /** Lineage node row id. */
  n: number;
  /** The column; absent on a dataset-level hop. */
  c?: string;
  /** The job or pipeline that wrote this hop (row id). */
  v?: number;
};

/** Personal data reaching a column: its classification and the path it took. */
export type Reach = {
  certainty: DerivedPiiCertainty;
  classification: PiiClassification;
  path: StoredStep[];
};

/** A column edge of the lineage index, as propagation reads it. */
export type PropagationEdge = {
  from: number;
  fromColumn: string;
  to: number;
  toColumn: string;
  via?: number;
  /** A masking transformation on the edge stops personal data. */
  masking: boolean;
};

/** Two datasets linked through a job or pipeline (declared or observed). */
export type DatasetLink = { from: number; to: number; via: number };

/** Node -> column -> its declared mark (undefined: declared, unmarked). */
export type DeclaredColumns = Map<
  number,
  Map<string, PiiClassification | undefined>
>;

/** What reaches one node's columns; column '' is the whole dataset. */
export type NodePii = Map<string, Partial<Record<DerivedPiiCertainty, Reach>>>;

/** The column of a whole-dataset reach ("may contain"). */
export const WHOLE_DATASET = '';

const RANK: Record<PiiClassification, number> = {
  none: 0,
  pseudonymize: 1,
  encrypt: 2,
  drop: 3,
};

/** Whether a mark is personal data at all. */
export function isPersonal(
  mark: PiiClassification | undefined,
): mark is Exclude<PiiClassification, 'none'> {
  return mark !== undefined && mark !== 'none';
}

const stepKey = (s: StoredStep) => `${s.n}\0${s.c ?? ''}\0${s.v ?? ''}`;

/**
 * Whether `a` beats `b`: the stronger classification (drop > encrypt >
 * pseudonymize), then the shorter path, then the path that sorts first, so
 * that the answer never depends on the order edges are read in.
 */
export function beats(a: Reach, b: Reach | undefined): boolean {
  if (!b) return true;
  const rank = RANK[a.classification] - RANK[b.classification];
  if (rank !== 0) return rank > 0;
  if (a.path.length !== b.path.length) return a.path.length < b.path.length;
  for (let i = 0; i < a.path.length; i++) {
    const ka = stepKey(a.path[i]);
    const kb = stepKey(b.path[i]);
    if (ka !== kb) return ka < kb;
  }
  return false;
}

const columnKey = (node: number, column: string) => `${node}\0${column}`;

/**
 * Follows personal data from declared PII columns downstream.
 *
 * Along column edges a column receives the strongest classification of the
 * columns feeding it (`derived`), unless the edge masks it; paths never
 * visit a column twice, so cycles end. A dataset that reads another only at
 * dataset level (a link with no column edge between the two) "may contain"
 * the strongest PII of the upstream's columns (`mayContain`, on column '',
 * one dataset-level hop); that does not travel further.
 *
 * `scope`, when given, limits what is computed to these nodes; columns of
 * nodes outside it feed it with what `upstream` says they carry (their
 * stored results). Computing the downstream closure of a change this way
 * gives what a full computation gives for those nodes.
 */
export function propagatePii(input: {
  declared: DeclaredColumns;
  edges: PropagationEdge[];
  links: DatasetLink[];
  scope?: Set<number>;
  upstream?: Map<number, NodePii>;
}): Map<number, NodePii> {
  const { declared, edges, links, scope } = input;
  const inScope = (node: number) => !scope || scope.has(node);
  const result = new Map<number, NodePii>();
  const derived = new Map<string, Reach>();

  const declaredReach = (node: number, column: string): Reach | undefined => {
    const mark = declared.get(node)?.get(column);
    return isPersonal(mark)
      ? {
          certainty: 'derived',
          classification: mark,
          path: [{ n: node, c: column }],
        }
      : undefined;
  };
  /** What a column passes on: its own mark or what reaches it, the stronger. */
  const carried = (node: number, column: string): Reach | undefined => {
    const own = declaredReach(node, column);
    const received = inScope(node)
      ? derived.get(columnKey(node, column))
      : input.upstream?.get(node)?.get(column)?.derived;
    if (!received) return own;
    return own && !beats(received, own) ? own : received;
  };

  const outgoing = new Map<string, PropagationEdge[]>();
  for (const edge of edges) {
    if (edge.masking || !inScope(edge.to)) continue;
    const key = columnKey(edge.from, edge.fromColumn);
    const list = outgoing.get(key);
    if (list) list.push(edge);
    else outgoing.set(key, [edge]);
  }

  const queue: [number, string][] = [];
  for (const [node, columns] of declared) {
    for (const [column, mark] of columns) {
      if (isPersonal(mark)) queue.push([node, column]);
    }
  }
  for (const [node, columns] of input.upstream ?? []) {
    if (inScope(node)) continue;
    for (const [column, reach] of columns) {
      if (reach.derived) queue.push([node, column]);
    }
  }
  while (queue.length > 0) {
    const [node, column] = queue.pop()!;
    const from = carried(node, column);
    if (!from) continue;
    for (const edge of outgoing.get(columnKey(node, column)) ?? []) {
      const visited = from.path.some(
        s => s.n === edge.to && s.c === edge.toColumn,
      );
      if (visited) continue;
      const candidate: Reach = {
        certainty: 'derived',
        classification: from.classification,
        path: [
          ...from.path,
          {
            n: edge.to,
            c: edge.toColumn,
            ...(edge.via !== undefined ? { v: edge.via } : {}),
          },
        ],
      };
      const key = columnKey(edge.to, edge.toColumn);
      if (beats(candidate, derived.get(key))) {
        derived.set(key, candidate);
        queue.push([edge.to, edge.toColumn]);
      }
    }
  }

  const entry = (node: number, column: string) => {
    let pii = result.get(node);
    if (!pii) result.set(node, (pii = new Map()));
    let reaches = pii.get(column);
    if (!reaches) pii.set(column, (reaches = {}));
    return reaches;
  };
  for (const [key, reach] of derived) {
    const at = key.indexOf('\0');
    entry(Number(key.slice(0, at)), key.slice(at + 1)).derived = reach;
  }

  // The strongest a node carries in any column, for its dataset-level readers.
  const strongestOf = (node: number): Reach | undefined => {
    let best: Reach | undefined;
    const columns = new Set([
      ...(declared.get(node)?.keys() ?? []),
      ...(inScope(node)
        ? result.get(node)?.keys() ?? []
        : input.upstream?.get(node)?.keys() ?? []),
    ]);
    for (const column of columns) {
      if (column === WHOLE_DATASET) continue;
      const reach = carried(node, column);
      if (reach && beats(reach, best)) best = reach;
    }
    return best;
  };
  const columnLinked = new Set(edges.map(e => `${e.from}\0${e.to}`));
  for (const link of links) {
    if (link.from === link.to || !inScope(link.to)) continue;
    if (columnLinked.has(`${link.from}\0${link.to}`)) continue;
    const from = strongestOf(link.from);
    if (!from) continue;
    const candidate: Reach = {
      certainty: 'mayContain',
      classification: from.classification,
      path: [...from.path, { n: link.to, v: link.via }],
    };
    const reaches = entry(link.to, WHOLE_DATASET);
    if (beats(candidate, reaches.mayContain)) reaches.mayContain = candidate;
  }
  return result;
}
