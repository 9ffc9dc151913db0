import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ApplyResponse,
  DATA_PLATFORM_API_VERSION,
  EntityProvisioning,
  formatProblems,
  isDataPlatformEntity,
  validateDataPlatformEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  actorOf,
  ProvisioningAccess,
} from '../services/Provisioning/ProvisioningAccess';
import type { ProvisioningEngine } from '../services/Provisioning/ProvisioningEngine';
import type { ProvisionerRegistry } from '../services/Provisioning/ProvisionerRegistry';
import type { ProvisioningStore } from '../services/Provisioning/ProvisioningStore';
import {
  presentApply,
  presentResources,
} from '../services/Provisioning/presentResources';
import { resourceState } from '../services/Provisioning/resourceState';
import { parseInput, textParam } from './parseInput';

const name = textParam(253);
const entityParams = z.object({
  kind: z.enum(['eventtype', 'dataendpoint', 'pipeline'], {
    message: 'must be eventtype, dataendpoint or pipeline',
  }),
  namespace: name,
  name,
});
const refreshQuery = z.object({
  refresh: z.enum(['true', 'false']).default('false'),
});
const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const applyBody = z
  .object({
    resources: z
      .array(textParam(512))
      .max(100, 'must list at most 100 resources')
      .optional(),
    trigger: z.enum(['manual', 'scaffolder']).default('manual'),
  })
  .strict();
const draftBody = z
  .object({
    entities: z
      .array(z.record(z.string(), z.unknown()))
      .min(1, 'must list at least one entity')
      .max(20, 'must list at most 20 entities'),
  })
  .strict();

const refOf = (params: z.infer<typeof entityParams>) =>
  `${params.kind}:${params.namespace}/${params.name}`;

/**
 * GET /provisioning/entities/:kind/:namespace/:name (`?refresh=true`
 * observes again), POST .../plan (observe and plan now),
 * POST .../apply (owners or the apply permission), GET .../history,
 * POST /provisioning/plan (a draft: entities not yet in the catalog).
 */
export function provisioningRoutes(deps: {
  httpAuth: HttpAuthService;
  engine: ProvisioningEngine;
  store: ProvisioningStore;
  registry: ProvisionerRegistry;
  access: ProvisioningAccess;
}): express.Router {
  const { httpAuth, engine, access } = deps;
  const router = Router();

  const describe = async (
    entityRef: string,
    canApply: boolean,
    refresh: boolean,
  ): Promise<EntityProvisioning> => {
    let problems: EntityProvisioning['problems'] = [];
    let resources = await engine.resourcesOf(entityRef);
    if (refresh || resources.length === 0) {
      const refreshed = await engine.refreshEntity(entityRef);
      problems = refreshed?.problems ?? [];
      resources = await engine.resourcesOf(entityRef);
    }
    return {
      entityRef,
      resources: await presentResources(resources, deps),
      problems,
      canApply,
      autoApply: engine.settings.autoApply,
    };
  };

  router.get(
    '/provisioning/entities/:kind/:namespace/:name',
    async (req, res) => {
      const params = parseInput(entityParams, req.params, 'params');
      const { refresh } = parseInput(refreshQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req);
      const entity = await access.readable(refOf(params), credentials);
      const entityRef = stringifyEntityRef(entity);
      res.json(
        await describe(
          entityRef,
          await access.mayApply(entity, credentials),
          refresh === 'true',
        ),
      );
    },
  );

  router.post(
    '/provisioning/entities/:kind/:namespace/:name/plan',
    async (req, res) => {
      const params = parseInput(entityParams, req.params, 'params');
      const credentials = await httpAuth.credentials(req);
      const entity = await access.readable(refOf(params), credentials);
      res.json(
        await describe(
          stringifyEntityRef(entity),
          await access.mayApply(entity, credentials),
          true,
        ),
      );
    },
  );

  router.post(
    '/provisioning/entities/:kind/:namespace/:name/apply',
    async (req, res) => {
      const params = parseInput(entityParams, req.params, 'params');
      const body = parseInput(applyBody, req.body, 'body');
      const credentials = await httpAuth.credentials(req);
      const entity = await access.readable(refOf(params), credentials);
      await access.assertMayApply(entity, credentials);
      const entityRef = stringifyEntityRef(entity);
      const applies =
        (await engine.applyEntity(entityRef, {
          actor: actorOf(credentials),
          trigger: body.trigger,
          resourceIds: body.resources,
          mayApplyOwner: await access.applicableOwners(credentials),
        })) ?? [];
      const response: ApplyResponse = {
        applies: applies.map(presentApply),
        provisioning: await describe(entityRef, true, false),
      };
      res.json(response);
    },
  );

  router.get(
    '/provisioning/entities/:kind/:namespace/:name/history',
    async (req, res) => {
      const params = parseInput(entityParams, req.params, 'params');
      const { limit } = parseInput(historyQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req);
      const entity = await access.readable(refOf(params), credentials);
      const resources = await engine.resourcesOf(stringifyEntityRef(entity));
      const applies = await deps.store.history(
        resources.map(r => r.id),
        { limit },
      );
      res.json({ applies: applies.map(presentApply) });
    },
  );

  router.post('/provisioning/plan', async (req, res) => {
    const body = parseInput(draftBody, req.body, 'body');
    await httpAuth.credentials(req);
    const entities = body.entities as unknown as Entity[];
    entities.forEach((entity, index) => {
      if (!isDataPlatformEntity(entity) || !entity.metadata?.name) {
        throw new InputError(
          `entities[${index}]: must be an EventType, DataEndpoint or Pipeline (apiVersion ${DATA_PLATFORM_API_VERSION}) with a metadata.name`,
        );
      }
      const problems = validateDataPlatformEntity(entity);
      if (problems.length) {
        throw new InputError(`entities[${index}]: ${formatProblems(problems)}`);
      }
    });
    const draft = await engine.planDraft(entities);
    res.json({
      resources: draft.resources.map(({ desired, plan, provisioner }) => ({
        id: desired.id,
        type: desired.type,
        entityRef: desired.entityRef,
        owner: desired.owner,
        desired,
        state: resourceState({
          managed: !!provisioner,
          plan,
          desiredFingerprint: '',
        }),
        ...(provisioner
          ? { provisioner: { id: provisioner.id, title: provisioner.title } }
          : {}),
        ...(plan ? { plan } : {}),
      })),
      problems: draft.problems,
    });
  });

  return router;
}
