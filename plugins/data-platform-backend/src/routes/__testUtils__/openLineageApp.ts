import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateClient } from '../../database/migrations';
import { JobRunsQuery } from '../../services/Health/queries/JobRunsQuery';
import { CatalogReadAccess } from '../../services/CatalogReadAccess';
import { DatabaseLineageStore } from '../../services/LineageIndex/DatabaseLineageStore';
import { LineageQueries } from '../../services/LineageIndex/LineageQueries';
import {
  NameMappingConfig,
  NameMappings,
} from '../../services/OpenLineage/NameMappings';
import { ObservedLineageHandler } from '../../services/OpenLineage/ObservedLineageHandler';
import {
  DeadLetterLimits,
  OpenLineageDeadLetters,
} from '../../services/OpenLineage/OpenLineageDeadLetters';
import { OpenLineageIngestor } from '../../services/OpenLineage/OpenLineageIngestor';
import {
  EventLimits,
  OpenLineageValidator,
} from '../../services/OpenLineage/OpenLineageValidator';
import { createRouter } from '../createRouter';
import { deadLetterRoutes } from '../deadLetterRoutes';
import { hideInternalErrors } from '../hideInternalErrors';
import { lineageRoutes } from '../lineageRoutes';
import { OPENLINEAGE_ENDPOINT, openLineageRoutes } from '../openLineageRoutes';
import type { OpenLineageEventHandler } from '@dataplatform/backstage-plugin-data-platform-node';

export type OpenLineageAppOptions = {
  permissions?: ReturnType<typeof mockServices.permissions>;
  maxBodySize?: string;
  limits?: { maxEvents: number; maxDepth: number };
  eventLimits?: Partial<EventLimits>;
  deadLetterLimits?: Partial<DeadLetterLimits>;
  /** Handlers after the lineage one. */
  handlers?: OpenLineageEventHandler[];
  /** What the platform calls emitters' jobs and datasets. */
  mappings?: NameMappingConfig;
};

/**
 * The OpenLineage routes (ingestion, dead letters) and the lineage routes
 * over a migrated database, with the plugin's error handling in front of
 * Backstage's, as a backend serves them.
 */
export async function openLineageApp(
  db: Knex,
  options: OpenLineageAppOptions = {},
) {
  await migrateClient(db);
  const deadLetters = new OpenLineageDeadLetters(db, {
    maxEvents: 1000,
    maxPayloadBytes: 1024 * 1024,
    ...options.deadLetterLimits,
  });
  const ingestor = new OpenLineageIngestor({
    db,
    validator: OpenLineageValidator.fromPackage(
      options.eventLimits,
      new NameMappings(options.mappings),
    ),
    handlers: [
      new ObservedLineageHandler(new DatabaseLineageStore(db)),
      ...(options.handlers ?? []),
    ],
    deadLetters,
  });
  // Unauthenticated requests stay unauthenticated, as behind httpRouter.
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.none(),
  });
  const permissions = options.permissions ?? mockServices.permissions();
  const logger = mockServices.logger.mock();
  const app = express();
  app.use(
    openLineageRoutes({
      httpAuth,
      permissions,
      ingestor,
      maxBodySize: options.maxBodySize ?? '1mb',
      limits: options.limits,
    }),
    deadLetterRoutes({ httpAuth, permissions, ingestor, deadLetters }),
  );
  app.use(
    createRouter([
      lineageRoutes({
        httpAuth,
        queries: new LineageQueries(db),
        access: new CatalogReadAccess({
          permissions: mockServices.permissions(),
          catalog: catalogServiceMock(),
        }),
        jobRuns: new JobRunsQuery(db),
      }),
    ]),
  );
  app.use(hideInternalErrors(logger));
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  const serviceToken = mockCredentials.service.token();
  return {
    app,
    db,
    ingestor,
    deadLetters,
    logger,
    serviceToken,
    /** A POST to the ingestion as a service. */
    post: (path = OPENLINEAGE_ENDPOINT) =>
      request(app).post(path).set('Authorization', `Bearer ${serviceToken}`),
    /** A GET as a service. */
    get: (path: string) =>
      request(app).get(path).set('Authorization', `Bearer ${serviceToken}`),
  };
}
