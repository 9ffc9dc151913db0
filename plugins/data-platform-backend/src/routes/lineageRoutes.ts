import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { LINEAGE_NODE_KINDS } from '@dataplatform/backstage-plugin-data-platform-common';
import { COLUMN_EDGES_DEFAULT } from '../services/LineageIndex/ColumnLineageQueries';
import {
  CatalogReadAccess,
  UnreadableEntities,
} from '../services/CatalogReadAccess';
import { LineageQueries } from '../services/LineageIndex/LineageQueries';
import { publicNodeId } from '../services/LineageIndex/nodeIds';
import {
  assertNodeReadable,
  visibleColumns,
  visibleGraph,
  visibleNodes,
  visiblePath,
} from '../services/LineageIndex/visibleLineage';
import {
  jobRunKey,
  JobRunsQuery,
} from '../services/Health/queries/JobRunsQuery';
import { pageOffset, parseInput, textParam } from './parseInput';

// Node ids: entity refs, or openlineage:<type>:<namespace>/<name>.
const nodeId = textParam(2048);

// When hits the caller may not read were left out of a full page of search
// results, the search runs again for this many times the page.
const SEARCH_REFILL = 5;

const graphQuery = z.object({
  node: nodeId,
  direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
  depth: z.coerce.number().int().min(1).max(10).default(1),
  maxNodes: z.coerce.number().int().min(1).max(5000).default(500),
});

const pathQuery = z.object({
  from: nodeId,
  to: nodeId,
  maxDepth: z.coerce.number().int().min(1).max(50).default(25),
});

const columnsQuery = z.object({
  node: nodeId,
  column: textParam(512),
  depth: z.coerce.number().int().min(1).max(10).default(3),
  maxEdges: z.coerce
    .number()
    .int()
    .min(1)
    .max(10000)
    .default(COLUMN_EDGES_DEFAULT),
});

const recordedColumnsQuery = z.object({ node: nodeId });

const catalogGapsQuery = z.object({
  kind: z.enum(LINEAGE_NODE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: pageOffset,
});

const searchQuery = z.object({
  q: textParam(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * GET /lineage/graph, /lineage/path, /lineage/columns,
 * /lineage/recorded-columns, /lineage/catalog-gaps, /lineage/search
 *
 * Each answer leaves out the catalog entities the caller may not read (see
 * CatalogReadAccess); the caller's permission is asked while the index
 * answers. Catalog gaps are nodes no catalog entity backs, shown to every
 * caller, jobs with their latest run.
 */
export function lineageRoutes(options: {
  httpAuth: HttpAuthService;
  queries: LineageQueries;
  access: CatalogReadAccess;
  /** The latest runs of jobs, shown with the catalog gaps that are jobs. */
  jobRuns?: JobRunsQuery;
}): express.Router {
  const { httpAuth, queries, access } = options;
  const router = Router();
  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /**
   * A route that parses its query, then runs it while asking what the
   * caller may read, and answers what they may see of it.
   */
  const visibleAnswer =
    <Q extends z.ZodTypeAny, A>(
      schema: Q,
      run: (query: z.infer<Q>) => Promise<A>,
      visible: (answer: A, unreadable: UnreadableEntities) => Promise<A>,
    ) =>
    async (req: express.Request, res: express.Response) => {
      const credentials = await caller(req);
      const query = parseInput(schema, req.query, 'query');
      const [unreadable, answer] = await Promise.all([
        access.forCaller(credentials),
        run(query),
      ]);
      res.json(await visible(answer, unreadable));
    };

  router.get(
    '/lineage/graph',
    visibleAnswer(graphQuery, q => queries.graph(q), visibleGraph),
  );
  router.get(
    '/lineage/path',
    visibleAnswer(pathQuery, q => queries.path(q), visiblePath),
  );
  router.get(
    '/lineage/columns',
    visibleAnswer(columnsQuery, q => queries.columns(q), visibleColumns),
  );
  router.get('/lineage/search', async (req, res) => {
    const credentials = await caller(req);
    const { q, limit } = parseInput(searchQuery, req.query, 'query');
    const [unreadable, hits] = await Promise.all([
      access.forCaller(credentials),
      queries.search(q, limit),
    ]);
    let nodes = await visibleNodes(hits, unreadable);
    if (nodes.length < hits.length && hits.length === limit) {
      // Hits the caller may not read make room for the next ones.
      const more = await queries.search(q, limit * SEARCH_REFILL);
      nodes = (await visibleNodes(more, unreadable)).slice(0, limit);
    }
    res.json({ nodes });
  });

  router.get('/lineage/recorded-columns', async (req, res) => {
    const credentials = await caller(req);
    const { node } = parseInput(recordedColumnsQuery, req.query, 'query');
    const [unreadable, row] = await Promise.all([
      access.forCaller(credentials),
      queries.resolve(node),
    ]);
    await assertNodeReadable(
      { id: publicNodeId(row), registered: row.entity_etag !== null },
      unreadable,
    );
    res.json(await queries.recordedColumns(row));
  });

  router.get('/lineage/catalog-gaps', async (req, res) => {
    await caller(req);
    const query = parseInput(catalogGapsQuery, req.query, 'query');
    const gaps = await queries.catalogGaps(query);
    const jobs = gaps.nodes.flatMap(n =>
      n.kind === 'Job' && n.openLineage ? [n.openLineage] : [],
    );
    if (options.jobRuns && jobs.length > 0) {
      const runs = await options.jobRuns.latest(jobs);
      for (const node of gaps.nodes) {
        const run = node.openLineage && runs.get(jobRunKey(node.openLineage));
        if (node.kind === 'Job' && run) node.lastRun = run;
      }
    }
    res.json(gaps);
  });

  return router;
}
