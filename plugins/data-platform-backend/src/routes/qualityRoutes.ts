import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  QualityChecksQueued,
  qualityRunPermission,
  QualityScoreSummary,
  rollUpScores,
  VolumeMarkedNormal,
} from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { CatalogReadAccess } from '../services/CatalogReadAccess';
import { actorOf, OwnerAccess } from '../services/OwnerAccess';
import { endpointQuality } from '../services/Quality/endpointQuality';
import {
  partitionStartAt,
  TimeGranularity,
} from '../services/Quality/partitions';
import type { QualityEngine } from '../services/Quality/QualityEngine';
import type { QualityCatalogStore } from '../services/Quality/store/QualityCatalogStore';
import {
  QualityResultStore,
  UNPARTITIONED,
} from '../services/Quality/store/QualityResultStore';
import { parseRfc3339 } from '../time/rfc3339';
import { parseInput, textParam } from './parseInput';

const name = textParam(253);
const endpointParams = z.object({ namespace: name, name });
const ownerParams = z.object({
  kind: z.enum(['group', 'user'], { message: 'must be group or user' }),
  namespace: name,
  name,
});
// Read as the OpenLineage ingestion reads times: 30 February is refused,
// not taken for 1 March.
const isoTime = z
  .string()
  .max(64)
  .superRefine((value, ctx) => {
    const parsed = parseRfc3339(value);
    if ('problem' in parsed) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an ISO 8601 date-time: "${value}" ${parsed.problem}`,
      });
    }
  });
const runBody = z.object({ partition: isoTime.optional() }).strict();
const markBody = z.object({ partition: isoTime }).strict();
const scoresBody = z
  .object({
    entityRefs: z
      .array(textParam(512))
      .min(1, 'must list at least one entity')
      .max(1000, 'must list at most 1000 entities'),
  })
  .strict();
const rollupQuery = z.object({
  by: z.enum(['system', 'owner', 'pipeline']),
});

const endpointRef = (p: { namespace: string; name: string }) =>
  `dataendpoint:${p.namespace}/${p.name}`;

function weakestComponent(detail: {
  components?: Record<string, { deductions?: { points: number }[] }>;
}): string | undefined {
  let weakest: string | undefined;
  let most = 0;
  for (const [component, c] of Object.entries(detail.components ?? {})) {
    const lost = (c.deductions ?? []).reduce((a, d) => a + d.points, 0);
    if (lost > most) {
      most = lost;
      weakest = component;
    }
  }
  return weakest;
}

/**
 * GET /quality/endpoints/:namespace/:name (the Quality tab),
 * POST .../run (queue a partition's checks), POST .../mark-normal (teach
 * the volume band), POST /quality/scores (latest scores of many
 * endpoints), GET /quality/owners/:kind/:namespace/:name (a group's
 * endpoints, worst first), GET /quality/rollups?by=system|owner|pipeline.
 * Every answer leaves out what the caller may not read in the catalog.
 */
export function qualityRoutes(deps: {
  httpAuth: HttpAuthService;
  catalog: QualityCatalogStore;
  results: QualityResultStore;
  engine: QualityEngine;
  reads: CatalogReadAccess;
  owners: OwnerAccess;
  volumeWeeks: number;
  now?: () => number;
}): express.Router {
  const { httpAuth, catalog, results, engine, reads, owners } = deps;
  const now = deps.now ?? Date.now;
  const router = Router();

  const readableEndpoint = async (req: express.Request) => {
    const params = parseInput(endpointParams, req.params, 'params');
    const ref = endpointRef(params);
    const credentials = await httpAuth.credentials(req);
    const endpoint = await catalog.endpoint(ref);
    const hidden = endpoint
      ? await (
          await reads.forCaller(credentials)
        )([ref])
      : new Set([ref]);
    if (!endpoint || hidden.has(ref)) {
      throw new NotFoundError(`No data endpoint ${ref}`);
    }
    return { endpoint, credentials };
  };

  const summaries = async (
    refs: string[],
    credentials: Awaited<ReturnType<HttpAuthService['credentials']>>,
  ): Promise<QualityScoreSummary[]> => {
    const hidden = await (await reads.forCaller(credentials))(refs);
    const visible = refs.filter(r => !hidden.has(r));
    const latest = await results.latestScores(visible);
    const endpoints = await catalog.endpoints([...latest.keys()]);
    return [...latest].map(([entityRef, { day, score, detail }]) => {
      const weakest = weakestComponent(detail);
      return {
        entityRef,
        title: endpoints.get(entityRef)?.title ?? entityRef,
        score,
        day,
        ...(weakest ? { weakest } : {}),
      };
    });
  };

  router.get('/quality/endpoints/:namespace/:name', async (req, res) => {
    const { endpoint, credentials } = await readableEndpoint(req);
    res.json(
      await endpointQuality(endpoint, {
        results,
        engine,
        canRun: await owners.mayAct(
          endpoint.owner,
          credentials,
          qualityRunPermission,
        ),
        volumeWeeks: deps.volumeWeeks,
        now: now(),
      }),
    );
  });

  const assertMayRun = async (
    endpoint: { entityRef: string; owner: string },
    credentials: Awaited<ReturnType<HttpAuthService['credentials']>>,
  ) => {
    if (
      !(await owners.mayAct(endpoint.owner, credentials, qualityRunPermission))
    ) {
      throw new NotAllowedError(
        `Only the owners of ${endpoint.entityRef} or holders of ${qualityRunPermission.name} may do this`,
      );
    }
  };

  const partitionOf = (
    endpoint: { partitioning?: { granularity: TimeGranularity } },
    partition: string | undefined,
  ) => {
    if (!endpoint.partitioning) return UNPARTITIONED;
    if (!partition) {
      throw new InputError('partition: required for a partitioned table');
    }
    return partitionStartAt(
      endpoint.partitioning.granularity,
      (parseRfc3339(partition) as { ms: number }).ms,
    );
  };

  router.post('/quality/endpoints/:namespace/:name/run', async (req, res) => {
    const { endpoint, credentials } = await readableEndpoint(req);
    const body = parseInput(runBody, req.body, 'body');
    await assertMayRun(endpoint, credentials);
    if (endpoint.checks.length === 0) {
      throw new InputError(`${endpoint.entityRef} declares no quality checks`);
    }
    const partitionStart = partitionOf(endpoint, body.partition);
    await engine.request(endpoint.entityRef, partitionStart, 'manual');
    const completeAt = engine.completeAt(endpoint, partitionStart);
    const queued: QualityChecksQueued = {
      queued: {
        endpointRef: endpoint.entityRef,
        ...(partitionStart !== UNPARTITIONED
          ? { partition: new Date(partitionStart).toISOString() }
          : {}),
        ...(completeAt !== undefined && completeAt > now()
          ? { waitsUntil: new Date(completeAt).toISOString() }
          : {}),
      },
    };
    res.status(202).json(queued);
  });

  router.post(
    '/quality/endpoints/:namespace/:name/mark-normal',
    async (req, res) => {
      const { endpoint, credentials } = await readableEndpoint(req);
      const body = parseInput(markBody, req.body, 'body');
      await assertMayRun(endpoint, credentials);
      const partitionStart = partitionOf(endpoint, body.partition);
      const [volume] = (
        await results.volumes(endpoint.entityRef, partitionStart)
      ).filter(v => v.partitionStart === partitionStart);
      if (!volume) {
        throw new InputError(
          `partition: no volume is recorded for ${body.partition} of ${endpoint.entityRef}`,
        );
      }
      await results.markNormal({
        endpointRef: endpoint.entityRef,
        partitionStart,
        rows: volume.rows,
        markedBy: actorOf(credentials),
        markedAt: now(),
      });
      await engine.request(endpoint.entityRef, partitionStart, 'manual');
      const marked: VolumeMarkedNormal = {
        marked: { partition: body.partition, rows: volume.rows },
      };
      res.json(marked);
    },
  );

  router.post('/quality/scores', async (req, res) => {
    const { entityRefs } = parseInput(scoresBody, req.body, 'body');
    const credentials = await httpAuth.credentials(req);
    res.json({ scores: await summaries(entityRefs, credentials) });
  });

  router.get('/quality/owners/:kind/:namespace/:name', async (req, res) => {
    const params = parseInput(ownerParams, req.params, 'params');
    const credentials = await httpAuth.credentials(req);
    const owner = `${params.kind}:${params.namespace}/${params.name}`;
    const refs = await catalog.endpointsOwnedBy(owner);
    const scores = await summaries(refs, credentials);
    scores.sort((a, b) => a.score - b.score || a.title.localeCompare(b.title));
    res.json({ owner, scores });
  });

  router.get('/quality/rollups', async (req, res) => {
    const { by } = parseInput(rollupQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req);
    const endpoints = await catalog.allEndpoints();
    const unreadableOf = await reads.forCaller(credentials);
    const hidden = await unreadableOf(endpoints.map(e => e.entityRef));
    const visible = endpoints.filter(e => !hidden.has(e.entityRef));
    const latest = await results.latestScores(visible.map(e => e.entityRef));
    const byRef = new Map(visible.map(e => [e.entityRef, e]));
    const keyOf: Record<
      typeof by,
      (ref: string) => string | string[] | undefined
    > = {
      system: ref => byRef.get(ref)?.system,
      owner: ref => byRef.get(ref)?.owner,
      pipeline: ref => byRef.get(ref)?.writers,
    };
    const rollups = rollUpScores(
      [...latest].map(([entityRef, { score }]) => ({
        entityRef,
        score,
        consumers: byRef.get(entityRef)?.consumers ?? 0,
      })),
      e => keyOf[by](e.entityRef),
    );
    // A group is an entity too (a system, a team, a pipeline): one the
    // caller may not read is left out, not named.
    const hiddenKeys = await unreadableOf(rollups.map(r => r.key));
    const shown = rollups.filter(r => !hiddenKeys.has(r.key));
    res.json({
      by,
      rollups: shown,
      ...(hiddenKeys.size > 0 ? { hidden: rollups.length - shown.length } : {}),
    });
  });

  return router;
}
