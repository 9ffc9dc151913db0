import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  openLineageEventCreatePermission,
  openLineageRebuildPermission,
} from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { OpenLineageIngestor } from '../services/OpenLineage/OpenLineageIngestor';
import { byteSize } from '../config/byteSize';
import {
  ACCEPTED_CONTENT_TYPES,
  BatchLimits,
  DEFAULT_BATCH_LIMITS,
  eventBodyFormat,
} from '../services/OpenLineage/parseEventBatch';
import { readEventBody } from './readEventBody';
import { UnsupportedMediaTypeError } from './UnsupportedMediaTypeError';
import { callerName, requirePermission } from './requirePermission';

/** The path an OpenLineage HTTP transport posts to under its base URL. */
export const OPENLINEAGE_ENDPOINT = '/openlineage/api/v1/lineage';

/**
 * Every path the ingestion answers, so that each client's default works
 * with `url: https://<backstage>/api/data-platform/openlineage`, with or
 * without a trailing slash (and with the plugin's own base URL):
 *
 * - `/openlineage/api/v1/lineage`: the Python client (Airflow, dbt-ol)
 *   joins url and endpoint (`api/v1/lineage`) with urljoin, which keeps a
 *   url's last path segment only after a trailing slash;
 * - `/api/v1/lineage`: the same without the trailing slash (urljoin drops
 *   `openlineage`), and the plugin's base URL with one;
 * - `/openlineage`: the Java client (Spark, Flink) posts to a url's path
 *   as it is, and takes no endpoint beside a path;
 * - `/`: the Java client given the plugin's base URL.
 */
export const OPENLINEAGE_PATHS = [
  OPENLINEAGE_ENDPOINT,
  '/api/v1/lineage',
  '/openlineage',
  '/',
];

/** The path that rebuilds what the handlers derive from the raw events. */
export const OPENLINEAGE_REBUILD = '/openlineage/rebuild';

/**
 * POST /openlineage/api/v1/lineage (and the other OPENLINEAGE_PATHS): one
 * OpenLineage event, a JSON array of
 * events, or NDJSON (`Content-Type: application/x-ndjson`), optionally gzip
 * encoded. Answers 200 with what was stored, which events were refused and
 * why (see IngestionResult) once the batch is committed; 400 when no event
 * was valid, 413 over `maxBodySize` or `limits`, 415 for a body that is
 * neither JSON nor NDJSON. Mount it before any router that parses JSON
 * bodies: it reads the body itself, within `maxBodySize`.
 *
 * POST /openlineage/rebuild: replays every retained raw event through the
 * handlers, in one transaction, and answers `{ events }`, how many it
 * replayed.
 */
export function openLineageRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  ingestor: OpenLineageIngestor;
  /** Largest accepted body after decompression: bytes, or e.g. '10mb'. */
  maxBodySize: string | number;
  /** Most events a request holds, and how deeply they nest. */
  limits?: BatchLimits;
}): express.Router {
  const { httpAuth, permissions, ingestor, maxBodySize, limits } = options;
  const router = Router();
  const maxBytes = byteSize(maxBodySize);
  if (maxBytes === undefined) {
    throw new Error(`maxBodySize ${maxBodySize} is no size in bytes`);
  }
  const authorize = requirePermission(httpAuth, permissions);

  router.post(
    OPENLINEAGE_PATHS,
    // Who may write, and whether the body is of a kind the ingestion
    // reads, are settled before a large body is read.
    async (req, res) => {
      res.locals.sender = callerName(
        await authorize(
          req,
          openLineageEventCreatePermission,
          'send OpenLineage events',
        ),
      );
      const contentType = req.headers['content-type'];
      res.locals.format = eventBodyFormat(contentType);
      if (!res.locals.format) {
        throw new UnsupportedMediaTypeError(
          `Content-Type ${
            contentType ? `"${contentType.slice(0, 100)}"` : 'missing'
          }: send ${ACCEPTED_CONTENT_TYPES}`,
        );
      }
      return 'next';
    },
    async (req, res) => {
      const ndjson = res.locals.format === 'ndjson';
      const body = await readEventBody(req, res, {
        maxBytes,
        maxBodySize,
        ndjson,
        maxEvents: limits?.maxEvents ?? DEFAULT_BATCH_LIMITS.maxEvents,
      });
      res.json(
        await ingestor.ingestBody(body, {
          ndjson,
          limits,
          sender: res.locals.sender,
        }),
      );
    },
  );

  router.post(OPENLINEAGE_REBUILD, async (req, res) => {
    await authorize(
      req,
      openLineageRebuildPermission,
      'rebuild what OpenLineage events derive',
    );
    res.json(await ingestor.rebuild());
  });

  return router;
}
