import type {
  ColumnLineage,
  LineageGraph,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { UnreadableEntities } from '../CatalogReadAccess';
import { visibleColumns, visibleGraph } from './visibleLineage';

const RAW = 'dataendpoint:default/plays-raw';
const CLEAN = 'dataendpoint:default/plays-clean';
const SECRET = 'dataendpoint:default/royalties';
const REPORT = 'dataendpoint:default/royalty-report';
const JOB = 'pipeline:default/clean-plays';
const SECRET_JOB = 'pipeline:default/payroll-join';
const SCRATCH = 'openlineage:dataset:gs/scratch/plays';

/** What the catalog would say: only `SECRET` and `SECRET_JOB` are unreadable. */
const unreadableOf: UnreadableEntities = async refs =>
  new Set(refs.filter(ref => ref === SECRET || ref === SECRET_JOB));

const node = (id: string, depth: number): LineageNode => ({
  id,
  kind: id.startsWith('pipeline') ? 'Pipeline' : 'DataEndpoint',
  title: id.split('/')[1],
  registered: !id.startsWith('openlineage:'),
  depth,
  upstreamCount: 1,
  downstreamCount: 1,
});

describe('visibleGraph', () => {
  it('keeps the cutoff marker only on nodes still shown', async () => {
    const graph: LineageGraph = {
      root: CLEAN,
      nodes: [node(CLEAN, 0), node(SECRET_JOB, 1), node(SECRET, 2)],
      edges: [
        { from: CLEAN, to: SECRET_JOB, source: 'declared' },
        { from: SECRET_JOB, to: SECRET, source: 'declared' },
      ],
      cutoff: { reason: 'maxNodes', maxNodes: 3, frontier: [SECRET] },
    };
    const visible = await visibleGraph(graph, unreadableOf);
    expect(visible.nodes.map(n => n.id)).toEqual([CLEAN]);
    expect(visible.nodes[0]).toMatchObject({
      upstreamCount: 1,
      downstreamCount: 0,
    });
    expect(visible.cutoff).toBeUndefined();
    expect(visible.hiddenNodes).toBe(2);
  });

  it('hands back the same answer when everything is readable', async () => {
    const graph: LineageGraph = {
      root: RAW,
      nodes: [node(RAW, 0), node(SCRATCH, 1)],
      edges: [{ from: RAW, to: SCRATCH, source: 'observed' }],
    };
    expect(await visibleGraph(graph, unreadableOf)).toBe(graph);
  });
});

describe('visibleColumns', () => {
  const column = (n: string, c: string) => ({ node: n, column: c });
  const direct = [{ type: 'DIRECT' as const, subtype: 'IDENTITY' }];
  const lineage: ColumnLineage = {
    node: CLEAN,
    column: 'track_id',
    upstream: [
      {
        from: column(RAW, 'track_id'),
        to: column(CLEAN, 'track_id'),
        transformations: direct,
        via: SECRET_JOB,
      },
    ],
    downstream: [
      {
        from: column(CLEAN, 'track_id'),
        to: column(SECRET, 'track_id'),
        transformations: direct,
        via: JOB,
      },
      {
        from: column(SECRET, 'track_id'),
        to: column(REPORT, 'track_id'),
        transformations: direct,
      },
      {
        from: column(CLEAN, 'track_id'),
        to: column(SCRATCH, 'track'),
        transformations: direct,
      },
    ],
    nodes: [RAW, CLEAN, SECRET, REPORT, JOB, SECRET_JOB, SCRATCH].map(id => {
      const { kind, title, registered } = node(id, 0);
      return { id, kind, title, registered };
    }),
  };

  it('drops the columns of unreadable nodes, those only beyond them, and unreadable jobs', async () => {
    const visible = await visibleColumns(lineage, unreadableOf);
    // The readable column keeps its edge; who did it is no longer named.
    expect(visible.upstream).toEqual([
      {
        from: column(RAW, 'track_id'),
        to: column(CLEAN, 'track_id'),
        transformations: direct,
      },
    ]);
    // The report is readable but fed only through the royalties table.
    expect(visible.downstream.map(e => e.to)).toEqual([
      column(SCRATCH, 'track'),
    ]);
    expect(visible.nodes!.map(n => n.id).sort()).toEqual(
      [RAW, CLEAN, SCRATCH].sort(),
    );
    // The royalties, the report, and both jobs.
    expect(visible.hiddenNodes).toBe(4);
  });

  it('answers 404 for a column of a node the caller may not read', async () => {
    await expect(
      visibleColumns({ ...lineage, node: SECRET }, unreadableOf),
    ).rejects.toThrow(`No lineage node "${SECRET}"`);
  });
});
