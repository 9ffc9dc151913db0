import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { CatalogReadAccess } from '../services/CatalogReadAccess';
import type { AlertActions } from '../services/Health/alerts/AlertActions';
import type { EndpointFreshnessQuery } from '../services/Health/queries/EndpointFreshnessQuery';
import type { OnCallQuery } from '../services/Health/queries/OnCallQuery';
import type { PipelineHealthQuery } from '../services/Health/queries/PipelineHealthQuery';
import {
  visibleFreshness,
  visibleOnCallRows,
  visiblePipelineHealth,
} from '../services/Health/queries/visibleHealth';
import { parseRfc3339 } from '../time/rfc3339';
import { pageOffset, parseInput, textParam } from './parseInput';

const ownerRef = textParam(512).transform((value, ctx) => {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: 'group',
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

const onCallQuery = z.object({
  owners: z
    .union([z.string(), z.array(z.string()).max(100)])
    .optional()
    .transform(v =>
      ([] as string[])
        .concat(v ?? [])
        .flatMap(s => s.split(','))
        .filter(s => s.trim() !== ''),
    )
    .pipe(z.array(ownerRef).max(100, 'must name at most 100 owners')),
  filter: z.enum(['problems', 'all']).default('problems'),
  sort: z.enum(['severity', 'age', 'name']).default('severity'),
  offset: pageOffset,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const entityParams = z.object({
  namespace: textParam(253),
  name: textParam(253),
});

const pipelineStatesBody = z
  .object({
    pipelines: z
      .array(textParam(512))
      .min(1, 'must list at least one pipeline')
      .max(1000, 'must list at most 1000 pipelines'),
  })
  .strict();

const alertParams = z.object({ id: textParam(64) });

const note = z.string().max(2000, 'must be at most 2000 characters').optional();
const actionBody = z.object({ note }).strict();
const snoozeBody = z
  .object({
    until: z.string().transform((value, ctx) => {
      const parsed = parseRfc3339(value);
      if ('ms' in parsed) return parsed.ms;
      ctx.addIssue({
        code: 'custom',
        message: `must be an ISO 8601 date-time: "${value.slice(0, 64)}" ${
          parsed.problem
        }`,
      });
      return z.NEVER;
    }),
    note,
  })
  .strict();

/**
 * GET /health/oncall, POST /health/pipeline-states,
 * GET /health/pipelines/:namespace/:name,
 * GET /health/endpoints/:namespace/:name/freshness,
 * POST /health/alerts/:id/acknowledge|snooze|resolve.
 *
 * Each answer leaves out the pipelines and endpoints the caller may not read
 * in the catalog (see CatalogReadAccess and visibleHealth): lists say how
 * many they left out, one such entity answers 404. The caller's permission is
 * asked while the store answers.
 */
export function healthRoutes(options: {
  httpAuth: HttpAuthService;
  onCall: OnCallQuery;
  pipelineHealth: PipelineHealthQuery;
  endpointFreshness: EndpointFreshnessQuery;
  actions: AlertActions;
  reads: CatalogReadAccess;
  now?: () => number;
}): express.Router {
  const { httpAuth, actions, reads } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  const authenticate = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/health/oncall', async (req, res) => {
    const credentials = await authenticate(req);
    const query = parseInput(onCallQuery, req.query, 'query');
    const [unreadableOf, page] = await Promise.all([
      reads.forCaller(credentials),
      options.onCall.list(query, now()),
    ]);
    res.json({
      total: page.total,
      ...(await visibleOnCallRows(page.rows, unreadableOf)),
      ...(page.endpoints
        ? {
            endpoints: (await visibleOnCallRows(page.endpoints, unreadableOf))
              .rows,
          }
        : {}),
    });
  });

  // A POST so that the refs of every pipeline on a lineage graph fit.
  router.post('/health/pipeline-states', async (req, res) => {
    const credentials = await authenticate(req);
    const { pipelines } = parseInput(pipelineStatesBody, req.body, 'body');
    const unique = [...new Set(pipelines)];
    const [unreadableOf, { rows }] = await Promise.all([
      reads.forCaller(credentials),
      options.onCall.list(
        {
          pipelines: unique,
          filter: 'all',
          sort: 'name',
          offset: 0,
          limit: unique.length,
        },
        now(),
      ),
    ]);
    res.json(await visibleOnCallRows(rows, unreadableOf));
  });

  router.get('/health/pipelines/:namespace/:name', async (req, res) => {
    const credentials = await authenticate(req);
    const { namespace, name } = parseInput(entityParams, req.params, 'params');
    const ref = stringifyEntityRef({ kind: 'pipeline', namespace, name });
    const [unreadableOf, health] = await Promise.all([
      reads.forCaller(credentials),
      options.pipelineHealth.get(ref, now()),
    ]);
    res.json(await visiblePipelineHealth(health, unreadableOf));
  });

  router.get(
    '/health/endpoints/:namespace/:name/freshness',
    async (req, res) => {
      const credentials = await authenticate(req);
      const { namespace, name } = parseInput(
        entityParams,
        req.params,
        'params',
      );
      const ref = stringifyEntityRef({ kind: 'dataendpoint', namespace, name });
      const [unreadableOf, freshness] = await Promise.all([
        reads.forCaller(credentials),
        options.endpointFreshness.get(ref, now()),
      ]);
      res.json(await visibleFreshness(freshness, unreadableOf));
    },
  );

  router.post('/health/alerts/:id/acknowledge', async (req, res) => {
    const credentials = await authenticate(req);
    const { id } = parseInput(alertParams, req.params, 'params');
    const body = parseInput(actionBody, req.body, 'body');
    res.json(await actions.acknowledge(id, credentials, now(), body.note));
  });

  router.post('/health/alerts/:id/snooze', async (req, res) => {
    const credentials = await authenticate(req);
    const { id } = parseInput(alertParams, req.params, 'params');
    const body = parseInput(snoozeBody, req.body, 'body');
    res.json(
      await actions.snooze(id, credentials, now(), body.until, body.note),
    );
  });

  router.post('/health/alerts/:id/resolve', async (req, res) => {
    const credentials = await authenticate(req);
    const { id } = parseInput(alertParams, req.params, 'params');
    const body = parseInput(actionBody, req.body, 'body');
    res.json(await actions.resolve(id, credentials, now(), body.note));
  });

  return router;
}
