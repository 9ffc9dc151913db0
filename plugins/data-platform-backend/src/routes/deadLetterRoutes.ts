import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { openLineageAdminPermission } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { OpenLineageDeadLetters } from '../services/OpenLineage/OpenLineageDeadLetters';
import type { OpenLineageIngestor } from '../services/OpenLineage/OpenLineageIngestor';
import { parseInput } from './parseInput';
import { requirePermission } from './requirePermission';

const deadLetterId = z.string().regex(/^\d{1,18}$/, 'must be a dead letter id');
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: deadLetterId.optional(),
});
const idParams = z.object({ id: deadLetterId });
const replayBody = z
  .object({
    ids: z
      .array(deadLetterId)
      .min(1, 'must list at least one dead letter')
      .max(1000, 'must list at most 1000 dead letters')
      .optional(),
  })
  .strict();

/**
 * The OpenLineage events the ingestion refused, for a platform
 * administrator (`dataplatform.openlineage.admin`):
 *
 * - GET /openlineage/dead-letters?limit=&before=: newest first, without
 *   payloads, with `total`; `before` pages on by id.
 * - GET /openlineage/dead-letters/:id: one, with its payload as sent.
 * - POST /openlineage/dead-letters/replay, body `{ ids? }`: validates those
 *   (or all) again and stores the ones that are valid now, which leave the
 *   store; answers as the ingestion does.
 */
export function deadLetterRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  ingestor: OpenLineageIngestor;
  deadLetters: OpenLineageDeadLetters;
}): express.Router {
  const { ingestor, deadLetters } = options;
  const authorize = requirePermission(options.httpAuth, options.permissions);
  const asAdmin = (req: express.Request) =>
    authorize(
      req,
      openLineageAdminPermission,
      'administer the OpenLineage ingestion',
    );
  const router = Router();

  router.get('/openlineage/dead-letters', async (req, res) => {
    await asAdmin(req);
    res.json(await deadLetters.list(parseInput(listQuery, req.query, 'query')));
  });

  router.get('/openlineage/dead-letters/:id', async (req, res) => {
    await asAdmin(req);
    const { id } = parseInput(idParams, req.params, 'params');
    res.json(await deadLetters.get(id));
  });

  router.post(
    '/openlineage/dead-letters/replay',
    express.json({ limit: '1mb' }),
    async (req, res) => {
      await asAdmin(req);
      const { ids } = parseInput(replayBody, req.body, 'body');
      res.json(await ingestor.replayDeadLetters(ids));
    },
  );

  return router;
}
