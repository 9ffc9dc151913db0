import { createHash } from 'node:crypto';
import type { ColumnTransformation } from '@dataplatform/backstage-plugin-data-platform-common';
import type { LineageObservation, ObservedNode } from '../LineageIndex/types';
import type {
  OpenLineageDataset,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';

type ColumnEdge = LineageObservation['columnEdges'][number];
type Edge = LineageObservation['edges'][number];

/** A field of the column-lineage facet: its input fields and, in the form before facet 1-1-0, one transformation for all of them. */
type ColumnLineageField = {
  inputFields?: InputField[];
  transformationType?: string;
  transformationDescription?: string;
};

type InputField = {
  namespace: string;
  name: string;
  field: string;
  transformations?: {
    type: string;
    subtype?: string;
    description?: string;
    masking?: boolean;
  }[];
};

type ColumnLineageFacet = {
  fields?: Record<string, ColumnLineageField>;
  dataset?: InputField[];
};

const dataset = (d: { namespace: string; name: string }): ObservedNode => ({
  type: 'dataset',
  namespace: d.namespace,
  name: d.name,
});

/**
 * The transformations of one input field. Facet 1-2-0 lists them on the
 * input field; the older form says `transformationType` IDENTITY or MASKED
 * (and a description) once for the output field.
 */
function transformationsOf(
  input: InputField,
  field: ColumnLineageField,
): ColumnTransformation[] {
  if (input.transformations?.length) {
    return input.transformations.map(t => ({
      type: t.type as ColumnTransformation['type'],
      ...(t.subtype ? { subtype: t.subtype } : {}),
      ...(t.description ? { description: t.description } : {}),
      ...(t.masking !== undefined ? { masking: t.masking } : {}),
    }));
  }
  if (!field.transformationType) return [];
  const masked = field.transformationType.toUpperCase() === 'MASKED';
  return [
    {
      type: 'DIRECT',
      subtype: masked ? 'TRANSFORMATION' : 'IDENTITY',
      ...(field.transformationDescription
        ? { description: field.transformationDescription }
        : {}),
      masking: masked,
    },
  ];
}

/**
 * Column edges of one dataset's column-lineage facet. Dataset-wide
 * dependencies (`dataset`: filters, joins, sorts that shape every row) become
 * edges into each output field, next to the field's own.
 */
function columnEdgesOf(
  output: OpenLineageDataset,
  facet: ColumnLineageFacet,
  via: ObservedNode | undefined,
): Omit<ColumnEdge, 'seenAt'>[] {
  const to = dataset(output);
  // One edge per input column and output column: a column both in a
  // field's inputs and in the dataset-wide ones gets both transformations.
  const edges = new Map<string, Omit<ColumnEdge, 'seenAt'>>();
  for (const [column, field] of Object.entries(facet.fields ?? {})) {
    const inputs = [
      ...(field.inputFields ?? []).map(i => ({
        input: i,
        transformations: transformationsOf(i, field),
      })),
      ...(facet.dataset ?? []).map(i => ({
        input: i,
        transformations: transformationsOf(i, {}),
      })),
    ];
    for (const { input, transformations } of inputs) {
      const key = `${input.namespace}\0${input.name}\0${input.field}\n${column}`;
      const known = edges.get(key);
      if (known) {
        known.transformations.push(...transformations);
        continue;
      }
      edges.set(key, {
        from: { ...dataset(input), column: input.field },
        to: { ...to, column },
        ...(via ? { via } : {}),
        transformations,
      });
    }
  }
  return [...edges.values()];
}

function nodeKey(n: ObservedNode): string {
  return `${n.type}\0${n.namespace}\0${n.name}`;
}

/** What identifies an observed edge. */
export function edgeKey(edge: Edge): string {
  return `${nodeKey(edge.from)}\n${nodeKey(edge.to)}`;
}

/** What identifies an observed column edge. */
function columnEdgeKey(edge: ColumnEdge): string {
  return `${nodeKey(edge.from)}\0${edge.from.column}\n${nodeKey(edge.to)}\0${
    edge.to.column
  }`;
}

/** What identifies an observed job: its node. */
export function jobKey(job: ObservedNode): string {
  return `job\n${nodeKey(job)}`;
}

/**
 * The lineage a batch of events shows: input dataset -> job -> output dataset
 * for each RunEvent and JobEvent, and column edges from the column-lineage
 * facet of outputs (and of DatasetEvents' datasets). Each edge appears once,
 * under its key (`edgeKey`, `columnEdgeKey`), seen at the latest eventTime
 * that showed it, so the result does not depend on the order events arrive
 * in. Every job is a node too, under `jobKey`, edges or not: a job whose
 * events name no dataset (a dbt test, an Airflow sensor) is still known.
 */
export function observeEvents(events: ValidatedEvent[]): {
  seenAt: number;
  jobs: Map<string, ObservedNode>;
  edges: Map<string, Edge>;
  columnEdges: Map<string, ColumnEdge>;
  /** The keys of each event's job, edges and column edges, by event index. */
  keysByEvent: string[][];
} {
  const jobs = new Map<string, ObservedNode>();
  const edges = new Map<string, Edge>();
  const columnEdges = new Map<string, ColumnEdge>();
  const keysByEvent: string[][] = [];
  let keys: string[] = [];
  let seenAt = 0;
  const addEdge = (edge: Edge) => {
    const key = edgeKey(edge);
    keys.push(key);
    const known = edges.get(key);
    if (!known || known.seenAt! < edge.seenAt!) edges.set(key, edge);
  };
  const addColumnEdge = (edge: ColumnEdge) => {
    const key = columnEdgeKey(edge);
    keys.push(key);
    const known = columnEdges.get(key);
    if (!known || known.seenAt! <= edge.seenAt!) {
      columnEdges.set(key, edge);
    }
  };

  for (const e of events) {
    keys = [];
    keysByEvent.push(keys);
    const at = e.eventTime;
    seenAt = Math.max(seenAt, at);
    if (e.kind === 'DatasetEvent') {
      const facet = e.event.dataset.facets?.columnLineage as
        | ColumnLineageFacet
        | undefined;
      if (facet) {
        for (const edge of columnEdgesOf(e.event.dataset, facet, undefined)) {
          addColumnEdge({ ...edge, seenAt: at });
        }
      }
      continue;
    }
    const { job, inputs = [], outputs = [] } = e.event;
    const jobNode: ObservedNode = {
      type: 'job',
      namespace: job.namespace,
      name: job.name,
    };
    const key = jobKey(jobNode);
    keys.push(key);
    jobs.set(key, jobNode);
    for (const input of inputs) {
      addEdge({ from: dataset(input), to: jobNode, seenAt: at });
    }
    for (const output of outputs) {
      addEdge({ from: jobNode, to: dataset(output), seenAt: at });
      const facet = output.facets?.columnLineage as
        | ColumnLineageFacet
        | undefined;
      if (facet) {
        for (const edge of columnEdgesOf(output, facet, jobNode)) {
          addColumnEdge({ ...edge, seenAt: at });
        }
      }
    }
  }
  return { seenAt, jobs, edges, columnEdges, keysByEvent };
}

/**
 * Everything a RunEvent's or JobEvent's edges depend on but their time: the
 * job, its inputs, its outputs and their column-lineage facets, as a
 * SHA-256 digest (a column-lineage facet can run to kilobytes, and callers
 * keep signatures by the hundred thousand). Two events with one signature
 * show the same edges. DatasetEvents have none.
 */
export function lineageSignature(e: ValidatedEvent): string | undefined {
  if (e.kind === 'DatasetEvent') return undefined;
  const { job, inputs = [], outputs = [] } = e.event;
  const parts = [job.namespace, job.name];
  for (const input of inputs) parts.push('<', input.namespace, input.name);
  for (const output of outputs) {
    parts.push('>', output.namespace, output.name);
    const facet = output.facets?.columnLineage as
      | ColumnLineageFacet
      | undefined;
    if (facet) parts.push(JSON.stringify([facet.fields, facet.dataset]));
  }
  return createHash('sha256').update(parts.join('\0')).digest('base64');
}
