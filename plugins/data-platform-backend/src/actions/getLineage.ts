import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type {
  ColumnLineage,
  ColumnLineageEdge,
  LineageGraph,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { CatalogReadAccess } from '../services/CatalogReadAccess';
import type { LineageQueries } from '../services/LineageIndex/LineageQueries';
import {
  visibleColumns,
  visibleGraph,
} from '../services/LineageIndex/visibleLineage';
import { text, Z } from './actionInputs';

const inputSchema = (z: Z) =>
  z.object({
    node: text(
      z,
      2048,
      'The node: a catalog entity ref (dataendpoint:default/plays-clean, pipeline:default/clean-plays, eventtype:default/track-played) or an OpenLineage dataset or job as openlineage:dataset:<namespace>/<name> (openlineage:dataset:bigquery/acme-data.music.plays_clean)',
    ),
    column: text(
      z,
      512,
      'A column (or dotted field path) of the node: when given, the column lineage of that column instead of the node lineage',
    ).optional(),
    direction: z
      .enum(['upstream', 'downstream', 'both'], {
        description:
          'upstream: what it is made from; downstream: what is made from it; both (default)',
      })
      .default('both'),
    depth: z
      .number({ description: 'Hops to follow, 1 to 10 (default 2)' })
      .int()
      .min(1)
      .max(10)
      .default(2),
    maxNodes: z
      .number({
        description:
          'Node lineage: nodes to return at most, 1 to 1000 (default 200); column lineage: column edges per direction',
      })
      .int()
      .min(1)
      .max(1000)
      .default(200),
  });

const outputSchema = (z: Z) =>
  z.object({
    node: z.string().describe('The node asked about'),
    column: z.string().optional().describe('The column asked about'),
    nodes: z
      .array(
        z.object({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          owner: z.string().optional(),
          registered: z
            .boolean()
            .describe('A catalog entity backs it (else OpenLineage only)'),
          depth: z
            .number()
            .optional()
            .describe(
              'Node lineage: hops from the node asked about, negative upstream',
            ),
          upstreamCount: z.number().optional(),
          downstreamCount: z.number().optional(),
        }),
      )
      .describe('The nodes of the answer, the one asked about among them'),
    edges: z
      .array(
        z.object({
          from: z.string(),
          to: z.string(),
          source: z
            .string()
            .describe('declared (catalog), observed (OpenLineage) or both'),
        }),
      )
      .describe('Node lineage: data flows from `from` to `to`'),
    columnEdges: z
      .array(
        z.object({
          direction: z.enum(['upstream', 'downstream']),
          from: z.string().describe('node#column it is derived from'),
          to: z.string().describe('node#column derived'),
          via: z.string().optional().describe('The job that derives it'),
          transformations: z
            .array(z.string())
            .describe('E.g. DIRECT/IDENTITY, INDIRECT/FILTER, masked'),
        }),
      )
      .describe('Column lineage: the column edges walked'),
    hiddenNodes: z
      .number()
      .describe(
        'Nodes left out because the caller may not read them in the catalog, with what lies only beyond them',
      ),
    truncated: z
      .boolean()
      .describe('The walk stopped at maxNodes before the depth asked for'),
  });

type Output = ReturnType<ReturnType<typeof outputSchema>['parse']>;

function graphAnswer(graph: LineageGraph): Output {
  return {
    node: graph.root,
    nodes: graph.nodes.map(n => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      ...(n.owner ? { owner: n.owner } : {}),
      registered: n.registered,
      depth: n.depth,
      upstreamCount: n.upstreamCount,
      downstreamCount: n.downstreamCount,
    })),
    edges: graph.edges.map(e => ({ from: e.from, to: e.to, source: e.source })),
    columnEdges: [],
    hiddenNodes: graph.hiddenNodes ?? 0,
    truncated: graph.cutoff !== undefined,
  };
}

function columnAnswer(
  lineage: ColumnLineage,
  direction: 'upstream' | 'downstream' | 'both',
): Output {
  const edges = (side: 'upstream' | 'downstream', list: ColumnLineageEdge[]) =>
    direction === 'both' || direction === side
      ? list.map(e => ({
          direction: side,
          from: `${e.from.node}#${e.from.column}`,
          to: `${e.to.node}#${e.to.column}`,
          ...(e.via ? { via: e.via } : {}),
          transformations: e.transformations.map(
            t =>
              `${t.type}${t.subtype ? `/${t.subtype}` : ''}${
                t.masking ? ' masked' : ''
              }`,
          ),
        }))
      : [];
  const columnEdges = [
    ...edges('upstream', lineage.upstream),
    ...edges('downstream', lineage.downstream),
  ];
  const named = new Set([
    lineage.node,
    ...columnEdges.flatMap(e => [
      e.from.replace(/#.*$/, ''),
      e.to.replace(/#.*$/, ''),
      ...(e.via ? [e.via] : []),
    ]),
  ]);
  return {
    node: lineage.node,
    column: lineage.column,
    nodes: (lineage.nodes ?? [])
      .filter(n => named.has(n.id))
      .map(n => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        registered: n.registered,
      })),
    edges: [],
    columnEdges,
    hiddenNodes: lineage.hiddenNodes ?? 0,
    truncated: lineage.cutoff !== undefined,
  };
}

/**
 * `get-lineage`: the lineage of a node (what feeds it, what it feeds) or of
 * one of its columns, from the same index and with the same read policy as
 * the lineage routes: what the caller may not read is left out.
 */
export function registerGetLineageAction(
  registry: ActionsRegistryService,
  services: { queries: LineageQueries; reads: CatalogReadAccess },
) {
  const { queries, reads } = services;
  registry.register({
    name: 'get-lineage',
    title: 'Get data lineage',
    description: `Lineage of a data platform node: which datasets and pipelines it is made from (upstream) and which are made from it (downstream), declared in the catalog and observed from OpenLineage runs. Give a column to follow one column instead (column lineage: which columns it is derived from or feeds, through which job, masked or not). Use it to find where data comes from, what breaks if it changes, or who owns what is downstream. Node ids are entity refs (dataendpoint:default/plays-clean) or openlineage:dataset:<namespace>/<name>. Nodes the caller may not read in the catalog are left out and counted in hiddenNodes.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: inputSchema, output: outputSchema },
    examples: [
      {
        title: 'What feeds a table, two hops up',
        input: {
          node: 'dataendpoint:default/plays-clean',
          direction: 'upstream',
          depth: 2,
          maxNodes: 200,
        },
      },
      {
        title: 'Where a column goes',
        input: {
          node: 'dataendpoint:default/plays-raw',
          column: 'user_id',
          direction: 'downstream',
          depth: 3,
          maxNodes: 200,
        },
      },
    ],
    async action({ input, credentials }) {
      if (input.column !== undefined) {
        const [unreadable, lineage] = await Promise.all([
          reads.forCaller(credentials),
          queries.columns({
            node: input.node,
            column: input.column,
            depth: input.depth,
            maxEdges: input.maxNodes,
          }),
        ]);
        const visible = await visibleColumns(lineage, unreadable);
        return { output: columnAnswer(visible, input.direction) };
      }
      const [unreadable, graph] = await Promise.all([
        reads.forCaller(credentials),
        queries.graph({
          node: input.node,
          direction: input.direction,
          depth: input.depth,
          maxNodes: input.maxNodes,
        }),
      ]);
      return { output: graphAnswer(await visibleGraph(graph, unreadable)) };
    },
  });
}
