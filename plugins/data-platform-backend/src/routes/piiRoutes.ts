import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { CatalogReadAccess } from '../services/CatalogReadAccess';
import type { PiiQueries } from '../services/PiiPropagation/PiiQueries';
import { pageOffset, parseInput, textParam } from './parseInput';

/** An entity ref parameter, completed with a default kind and namespace. */
const entityRef = (defaultKind: string) =>
  textParam(512).transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value.trim(), {
          defaultKind,
          defaultNamespace: 'default',
        }),
      );
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an entity ref`,
      });
      return z.NEVER;
    }
  });

const endpointQuery = z.object({ ref: entityRef('dataendpoint') });
const findingsQuery = z.object({
  owner: entityRef('group').optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(50),
  offset: pageOffset,
});

/**
 * Personal data along lineage: one endpoint's columns and findings, and
 * the findings on an owner's endpoints; only what the caller may read in
 * the catalog.
 */
export function piiRoutes(deps: {
  httpAuth: HttpAuthService;
  queries: PiiQueries;
  reads: CatalogReadAccess;
}): express.Router {
  const { httpAuth, queries, reads } = deps;
  const router = Router();

  router.get('/pii/endpoint', async (req, res) => {
    const { ref } = parseInput(endpointQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req);
    res.json(await queries.endpoint(ref, await reads.forCaller(credentials)));
  });

  router.get('/pii/findings', async (req, res) => {
    const query = parseInput(findingsQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req);
    res.json(await queries.findings(query, await reads.forCaller(credentials)));
  });

  return router;
}
