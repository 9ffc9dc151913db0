import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { LINEAGE_NODE_KINDS } from '@dataplatform/backstage-plugin-data-platform-common';
import { COLUMN_EDGES_DEFAULT } from '../services/LineageIndex/ColumnLineageQueries';
import { CatalogReadAccess } from '../services/LineageIndex/CatalogReadAccess';
import { LineageQueries } from '../services/LineageIndex/LineageQueries';
import { publicNodeId } from '../services/LineageIndex/nodeIds';
import {
  assertNodeReadable,
  visibleColumns,
  visibleGraph,
  visibleNodes,
  visiblePath,
} from '../services/LineageIndex/visibleLineage';

const nodeId = z.string().min(1, 'must not be empty');

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
  column: z.string().min(1, 'must not be empty'),
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
  offset: z.coerce.number().int().min(0).default(0),
});

const searchQuery = z.object({
  q: z.string().min(1, 'must not be empty').max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Parses a query string, or throws an InputError naming each bad parameter. */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  query: unknown,
): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues
        .map(i => `${i.path.join('.') || 'query'}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}

/**
 * GET /lineage/graph, /lineage/path, /lineage/columns,
 * /lineage/recorded-columns, /lineage/catalog-gaps, /lineage/search
 *
 * Each answer leaves out the catalog entities the caller may not read (see
 * CatalogReadAccess); the caller's permission is asked while the index
 * answers. Catalog gaps are nodes no catalog entity backs, shown to every
 * caller.
 */
export function lineageRoutes(options: {
  httpAuth: HttpAuthService;
  queries: LineageQueries;
  access: CatalogReadAccess;
}): express.Router {
  const { httpAuth, queries, access } = options;
  const router = Router();
  const caller = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/lineage/graph', async (req, res) => {
    const credentials = await caller(req);
    const query = parseQuery(graphQuery, req.query);
    const [unreadable, graph] = await Promise.all([
      access.forCaller(credentials),
      queries.graph(query),
    ]);
    res.json(await visibleGraph(graph, unreadable));
  });

  router.get('/lineage/path', async (req, res) => {
    const credentials = await caller(req);
    const query = parseQuery(pathQuery, req.query);
    const [unreadable, path] = await Promise.all([
      access.forCaller(credentials),
      queries.path(query),
    ]);
    res.json(await visiblePath(path, unreadable));
  });

  router.get('/lineage/columns', async (req, res) => {
    const credentials = await caller(req);
    const query = parseQuery(columnsQuery, req.query);
    const [unreadable, columns] = await Promise.all([
      access.forCaller(credentials),
      queries.columns(query),
    ]);
    res.json(await visibleColumns(columns, unreadable));
  });

  router.get('/lineage/recorded-columns', async (req, res) => {
    const credentials = await caller(req);
    const { node } = parseQuery(recordedColumnsQuery, req.query);
    const [unreadable, row] = await Promise.all([
      access.forCaller(credentials),
      queries.resolve(node),
    ]);
    await assertNodeReadable(
      { id: publicNodeId(row), registered: row.entity_etag !== null },
      unreadable,
    );
    res.json(await queries.recordedColumns(node));
  });

  router.get('/lineage/catalog-gaps', async (req, res) => {
    await caller(req);
    const query = parseQuery(catalogGapsQuery, req.query);
    res.json(await queries.catalogGaps(query));
  });

  router.get('/lineage/search', async (req, res) => {
    const credentials = await caller(req);
    const { q, limit } = parseQuery(searchQuery, req.query);
    const [unreadable, nodes] = await Promise.all([
      access.forCaller(credentials),
      queries.search(q, limit),
    ]);
    res.json({ nodes: await visibleNodes(nodes, unreadable) });
  });

  return router;
}
