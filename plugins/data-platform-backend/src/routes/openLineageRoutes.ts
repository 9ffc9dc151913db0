import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  openLineageEventCreatePermission,
  openLineageRebuildPermission,
} from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { OpenLineageIngestor } from '../services/OpenLineage/OpenLineageIngestor';
import { BatchLimits, isNdjson } from '../services/OpenLineage/parseEventBatch';
import { PayloadTooLargeError } from '../services/OpenLineage/PayloadTooLargeError';

/** The path an OpenLineage HTTP transport posts to under its base URL. */
export const OPENLINEAGE_ENDPOINT = '/openlineage/api/v1/lineage';

/** The path that rebuilds what the handlers derive from the raw events. */
export const OPENLINEAGE_REBUILD = '/openlineage/rebuild';

/**
 * POST /openlineage/api/v1/lineage: one OpenLineage event, a JSON array of
 * events, or NDJSON (`Content-Type: application/x-ndjson`), optionally gzip
 * encoded. Answers 200 with what was stored once the batch is committed.
 * Mount it before any router that parses JSON bodies: it reads the body
 * itself, within `maxBodySize`.
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
  const readBody = express.raw({ type: () => true, limit: maxBodySize });
  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
    what: string,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to ${what} (${permission.name})`);
    }
  };

  router.post(
    OPENLINEAGE_ENDPOINT,
    // Who may write is settled before a large body is read.
    async req => {
      await authorize(
        req,
        openLineageEventCreatePermission,
        'send OpenLineage events',
      );
      return 'next';
    },
    (req, res, next) =>
      readBody(req, res, (error?: any) => {
        if (error?.type === 'entity.too.large') {
          next(
            new PayloadTooLargeError(
              `Request body exceeds ${maxBodySize} (dataPlatform.openLineage.maxBodySize); send fewer events per request`,
            ),
          );
        } else {
          next(error);
        }
      }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res.json(
        await ingestor.ingestBody(body, {
          ndjson: isNdjson(req.headers['content-type']),
          limits,
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
