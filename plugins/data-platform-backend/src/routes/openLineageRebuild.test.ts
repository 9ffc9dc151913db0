import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import { openLineageRebuildPermission } from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import request from 'supertest';
import { runEvent } from '../services/OpenLineage/__fixtures__/events';
import { ingestionTestbed } from '../services/OpenLineage/__testUtils__/ingestionTestbed';
import { OPENLINEAGE_REBUILD, openLineageRoutes } from './openLineageRoutes';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const PIPELINE = 'pipeline:default/plays-daily-aggregate';

describe.each(databases.eachSupportedId())(
  'POST /openlineage/rebuild on %s',
  databaseId => {
    async function setup(permissions = mockServices.permissions()) {
      const testbed = await ingestionTestbed(databases.init(databaseId));
      await testbed.ingestor.ingest([
        runEvent({ eventType: 'START', eventTime: '2026-11-26T10:00:00Z' }),
        runEvent({ eventType: 'COMPLETE', eventTime: '2026-11-26T10:04:00Z' }),
      ]);
      // Lose the observed lineage, as a restore from an old backup would.
      await testbed.db.transaction(tx => testbed.store.forgetObservations(tx));
      const app = express()
        .use(
          openLineageRoutes({
            httpAuth: mockServices.httpAuth({
              defaultCredentials: mockCredentials.none(),
            }),
            permissions,
            ingestor: testbed.ingestor,
            maxBodySize: '1mb',
          }),
        )
        .use(
          MiddlewareFactory.create({
            config: mockServices.rootConfig(),
            logger: mockServices.logger.mock(),
          }).error(),
        );
      const observedEdges = async () =>
        (
          await testbed.queries.graph({
            node: PIPELINE,
            direction: 'both',
            depth: 1,
            maxNodes: 100,
          })
        ).edges.filter(e => e.lastSeenAt !== undefined).length;
      return { app, observedEdges };
    }

    it('replays the retained events for an allowed caller and answers how many', async () => {
      const { app, observedEdges } = await setup();
      expect(await observedEdges()).toBe(0);

      const response = await request(app)
        .post(OPENLINEAGE_REBUILD)
        .set('Authorization', mockCredentials.user.header());

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ events: 2 });
      expect(await observedEdges()).toBe(2);
    });

    it('refuses a caller without the rebuild permission, and rebuilds nothing', async () => {
      const authorize = jest.fn(
        async (): Promise<DefinitivePolicyDecision[]> => [
          { result: AuthorizeResult.DENY },
        ],
      );
      const { app, observedEdges } = await setup({
        ...mockServices.permissions(),
        authorize,
      });

      const response = await request(app)
        .post(OPENLINEAGE_REBUILD)
        .set('Authorization', mockCredentials.user.header());

      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(
        'dataplatform.openlineage.rebuild',
      );
      expect(authorize).toHaveBeenCalledWith(
        [{ permission: openLineageRebuildPermission }],
        expect.anything(),
      );
      expect(await observedEdges()).toBe(0);
    });

    it('refuses an unauthenticated request', async () => {
      const { app } = await setup();
      const response = await request(app).post(OPENLINEAGE_REBUILD);
      expect(response.status).toBe(401);
    });
  },
);
