import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  FieldConsumersResponse,
  schemaChangeDecidePermission,
  SchemaChangeDecisions,
} from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { SchemaChangesConfig } from '../config/readSchemaChangesConfig';
import type { CatalogReadAccess } from '../services/CatalogReadAccess';
import type { OwnerAccess } from '../services/OwnerAccess';
import type { FieldConsumersQuery } from '../services/SchemaChanges/FieldConsumersQuery';
import type { SchemaChangeDecisionStore } from '../services/SchemaChanges/SchemaChangeDecisionStore';
import { notifyConsumerOwners } from '../services/SchemaChanges/SchemaChangeNotifier';
import { parseInput, textParam } from './parseInput';

/** An EventType's ref, normalized (`eventtype:default/track-played`). */
const eventTypeRef = textParam(512).transform((value, ctx) => {
  try {
    const ref = parseEntityRef(value, { defaultKind: 'EventType' });
    if (ref.kind.toLocaleLowerCase('en-US') === 'eventtype') {
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    }
  } catch {
    // reported below
  }
  ctx.addIssue({
    code: 'custom',
    message:
      'must be an EventType entity ref, e.g. eventtype:default/track-played',
  });
  return z.NEVER;
});
const fieldPath = textParam(1024);

/** `spec.owner` as a full ref: a bare name is a group in `default`. */
function ownerRef(owner: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'Group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

const consumersBody = z.object({
  entityRef: eventTypeRef,
  paths: z.array(fieldPath).min(1).max(5000),
});

const decisionBody = z.object({
  entityRef: eventTypeRef,
  revision: z.number().int().min(2),
  reason: textParam(4000).refine(r => r.trim().length >= 10, {
    message: 'must say in at least 10 characters why the change ships',
  }),
  idempotencyKey: textParam(255),
  changes: z
    .array(
      z.object({
        kind: z.enum([
          'field-added',
          'field-removed',
          'field-renamed',
          'type-changed',
          'mode-changed',
          'description-changed',
          'pii-changed',
        ]),
        path: fieldPath,
        description: textParam(2000),
      }),
    )
    .min(1)
    .max(5000),
  consumers: z
    .array(
      z.object({
        id: textParam(2048),
        title: textParam(512),
        owner: textParam(512).optional(),
        paths: z.array(fieldPath).min(1).max(5000),
        through: textParam(4000),
      }),
    )
    .min(1)
    .max(5000),
});

const decisionsQuery = z.object({ entityRef: eventTypeRef });

/**
 * POST /schema-changes/consumers: what reads each field of an event type
 * (endpoint and column lineage; a user sees what they may read), and the
 * gate's policy, with whether the caller may decide. POST
 * /schema-changes/decisions: records the decision of one of the event
 * type's owners (or a holder of `dataplatform.schemaChange.decide`) to ship
 * a change that breaks consumers, and tells those consumers' owners;
 * refused when the policy is `refuse`. GET
 * /schema-changes/decisions?entityRef=: an event type's decisions.
 */
export function schemaChangeRoutes(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  catalog: CatalogService;
  access: CatalogReadAccess;
  owners: OwnerAccess;
  consumers: FieldConsumersQuery;
  decisions: SchemaChangeDecisionStore;
  notifications: NotificationService;
  config: SchemaChangesConfig;
}): express.Router {
  const { httpAuth, consumers, decisions, config, owners } = options;
  const router = Router();

  /** The event type as the caller may read it, or a 404. */
  const readableEventType = async (
    entityRef: string,
    credentials: Awaited<ReturnType<HttpAuthService['credentials']>>,
  ) => {
    const entity = await options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No event type ${entityRef}`);
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    return { owner: typeof owner === 'string' ? ownerRef(owner) : undefined };
  };

  /**
   * Its owners decide; another user needs the administrators' permission;
   * a service (the scaffolder asking for the consumers) never decides.
   */
  const mayDecide = async (
    owner: string | undefined,
    credentials: BackstageCredentials,
  ) =>
    (credentials.principal as { type?: string }).type === 'user' &&
    owners.mayAct(owner, credentials, schemaChangeDecidePermission);

  router.post('/schema-changes/consumers', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef, paths } = parseInput(consumersBody, req.body, 'body');
    const { owner } = await readableEventType(entityRef, credentials);
    // A service (the scaffolder's gate) weighs every consumer; a user's
    // view leaves out what the catalog would not show them.
    const unreadable =
      credentials.principal.type === 'user'
        ? await options.access.forCaller(credentials)
        : undefined;
    const answer: FieldConsumersResponse = {
      entityRef,
      consumers: await consumers.consumersOf(entityRef, paths, unreadable),
      policy: config.breakingConsumers,
      ...(owner ? { owner } : {}),
      mayDecide: await mayDecide(owner, credentials),
    };
    res.json(answer);
  });

  router.post('/schema-changes/decisions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parseInput(decisionBody, req.body, 'body');
    if (config.breakingConsumers === 'refuse') {
      throw new NotAllowedError(
        'This portal refuses schema changes that break consumers (dataPlatform.schemaChanges.breakingConsumers: refuse)',
      );
    }
    const { owner } = await readableEventType(body.entityRef, credentials);
    if (!(await mayDecide(owner, credentials))) {
      throw new NotAllowedError(
        `Only the owners of ${body.entityRef} (${
          owner ?? 'none in the catalog'
        }) or holders of ${
          schemaChangeDecidePermission.name
        } may decide to break its consumers`,
      );
    }
    const { idempotencyKey, ...decided } = body;
    const decidedBy = (credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    const { decision, created } = await decisions.record(
      {
        ...decided,
        reason: decided.reason.trim(),
        decidedBy,
        decidedAt: new Date().toISOString(),
        notified: [],
      },
      idempotencyKey,
    );
    if (created || decision.notified.length === 0) {
      // Recorded first: a notice that fails is sent again on a retry.
      decision.notified = await notifyConsumerOwners(
        options.notifications,
        decision,
      );
      await decisions.setNotified(decision.id, decision.notified);
      options.logger.info(
        `${decidedBy} decided to ship revision ${decision.revision} of ${
          decision.entityRef
        }, breaking ${decision.consumers.length} consumer(s); notified ${
          decision.notified.join(', ') || 'no owner'
        }`,
      );
    }
    res.status(created ? 201 : 200).json(decision);
  });

  router.get('/schema-changes/decisions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef } = parseInput(decisionsQuery, req.query, 'query');
    await readableEventType(entityRef, credentials);
    const answer: SchemaChangeDecisions = {
      items: await decisions.list(entityRef),
    };
    res.json(answer);
  });

  return router;
}
