import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ApplyRecord,
  ChangeResult,
  DataEndpointEntity,
  DesiredResource,
  desiredResources,
  EventTypeEntity,
  isDataEndpointEntity,
  isEventTypeEntity,
  ObservedResource,
  planResource,
  PlanCapabilities,
  ProvisionedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the local warehouse provisions; topics and schemas stay unmanaged. */
const MANAGED = ['bigquery-dataset', 'bigquery-table', 'delivery'];
const provisioner = { id: 'local-warehouse', title: 'the local warehouse' };
const capabilities: PlanCapabilities = {
  title: provisioner.title,
  transformFingerprint: spec =>
    createHash('sha256').update(JSON.stringify(spec.fields)).digest('hex'),
};

/** A resource as a provisioner finds it once it is as desired. */
export function observedAsDesired(desired: DesiredResource): ObservedResource {
  switch (desired.type) {
    case 'bigquery-dataset':
      return desired;
    case 'bigquery-table': {
      const { access: _access, ...spec } = desired.spec;
      return { type: desired.type, id: desired.id, spec };
    }
    case 'delivery': {
      const { project, subscription, topic, table, labels } = desired.spec;
      return {
        type: desired.type,
        id: desired.id,
        spec: {
          project,
          subscription,
          topic,
          table,
          labels,
          transformFingerprint: capabilities.transformFingerprint!(
            desired.spec,
          ),
        },
      };
    }
    default:
      throw new Error(`${desired.type} is not managed here`);
  }
}

/** The desired resources of catalog entities (event types and their endpoints). */
export function desiredOf(entities: Entity[]): DesiredResource[] {
  return desiredResources({
    endpoints: entities.filter((e): e is DataEndpointEntity =>
      isDataEndpointEntity(e),
    ),
    eventTypes: entities.filter((e): e is EventTypeEntity =>
      isEventTypeEntity(e),
    ),
    pipelines: [],
  }).resources;
}

type Request = {
  method: string;
  path: string;
  authorization?: string;
  body?: any;
};

/**
 * A stand-in for the data-platform backend's provisioning routes over real
 * HTTP, answering as they do: plans from -common's planner against what it
 * has "created", the local warehouse managing datasets, tables and
 * deliveries, Backstage's error bodies.
 */
export async function startDataPlatformBackend(options: {
  /** The catalog as the backend reads it. */
  catalog: Entity[];
  /** What exists already. */
  observed?: ObservedResource[];
  /** Answer applies with 403 and this message. */
  denyApply?: string;
  /** Changes of these resource fields fail, with the message. */
  failing?: Record<string, string>;
}) {
  const observed = new Map(options.observed?.map(o => [o.id, o]));
  const failedLast = new Set<string>();
  const requests: Request[] = [];
  /** Resource ids in the order their applies ran. */
  const applied: string[] = [];

  const present = (desired: DesiredResource): ProvisionedResource => {
    const base = {
      id: desired.id,
      type: desired.type,
      entityRef: desired.entityRef,
      owner: desired.owner,
      desired,
    };
    if (!MANAGED.includes(desired.type)) return { ...base, state: 'unmanaged' };
    const plan = planResource(desired, observed.get(desired.id), capabilities);
    let state: ProvisionedResource['state'] = 'pending';
    if (!plan.changes.length && !plan.refusals.length) state = 'in-sync';
    else if (failedLast.has(desired.id)) state = 'failed';
    return { ...base, state, provisioner, plan };
  };
  // The entity's resources and the datasets they need, as the engine selects them.
  const ofEntity = (resources: DesiredResource[], entityRef: string) => {
    const own = resources.filter(
      r => r.entityRef === entityRef || r.eventType === entityRef,
    );
    const needed = new Set(own.flatMap(r => r.dependsOn));
    const datasets = resources.filter(
      r =>
        r.type === 'bigquery-dataset' && needed.has(r.id) && !own.includes(r),
    );
    return [...own, ...datasets];
  };
  const inCatalog = (entityRef: string) =>
    options.catalog.some(e => stringifyEntityRef(e) === entityRef);
  const provisioningOf = (entityRef: string) => ({
    entityRef,
    resources: ofEntity(desiredOf(options.catalog), entityRef).map(present),
    problems: [],
    canApply: true,
    autoApply: 'none',
  });

  const apply = (entityRef: string, resourceId: string) => {
    const desired = ofEntity(desiredOf(options.catalog), entityRef).find(
      r => r.id === resourceId,
    );
    const plan = desired && present(desired).plan;
    if (!desired || !plan || plan.changes.length === 0) return [];
    applied.push(resourceId);
    const results: ChangeResult[] = plan.changes.map(change => {
      const message = options.failing?.[change.field];
      return message
        ? { change, status: 'failed', message }
        : { change, status: 'applied' };
    });
    const failed = results.filter(r => r.status === 'failed').length;
    if (failed === 0) {
      observed.set(resourceId, observedAsDesired(desired));
      failedLast.delete(resourceId);
    } else failedLast.add(resourceId);
    const record: ApplyRecord = {
      id: applied.length,
      resourceId,
      entityRef,
      actor: 'user:default/mock',
      trigger: 'scaffolder',
      status: applyStatus(failed, results.length),
      plan,
      results,
      startedAt: '2025-06-01T12:00:00.000Z',
      finishedAt: '2025-06-01T12:00:01.000Z',
    };
    return [record];
  };

  const route = (request: Request): [number, unknown] => {
    const { method, path, body } = request;
    if (method === 'POST' && path === '/provisioning/plan') {
      const drafts = body.entities as Entity[];
      const refs = drafts.map(e => stringifyEntityRef(e));
      const catalog = [
        ...options.catalog.filter(e => !refs.includes(stringifyEntityRef(e))),
        ...drafts,
      ];
      const desired = desiredOf(catalog);
      const mine = new Map(
        refs.flatMap(ref => ofEntity(desired, ref)).map(r => [r.id, r]),
      );
      return [
        200,
        { resources: [...mine.values()].map(present), problems: [] },
      ];
    }
    const match = path.match(
      /^\/provisioning\/entities\/([^/]+)\/([^/]+)\/([^/?]+)(\/apply)?/,
    );
    if (!match) return [404, error('NotFoundError', `No route ${path}`)];
    const entityRef = `${match[1]}:${match[2]}/${match[3]}`;
    if (!inCatalog(entityRef)) {
      return [404, error('NotFoundError', `No entity ${entityRef}`)];
    }
    if (method === 'GET' && !match[4]) {
      return [200, provisioningOf(entityRef)];
    }
    if (method === 'POST' && match[4]) {
      if (options.denyApply) {
        return [403, error('NotAllowedError', options.denyApply)];
      }
      const applies = (body.resources as string[]).flatMap(id =>
        apply(entityRef, id),
      );
      return [200, { applies, provisioning: provisioningOf(entityRef) }];
    }
    return [404, error('NotFoundError', `No route ${method} ${path}`)];
  };

  const server = createServer(
    async (req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const request: Request = {
        method: req.method!,
        path: req.url!.replace(/^\/api\/data-platform/, ''),
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(request);
      const [status, answer] = route(request);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer));
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/data-platform`,
    requests,
    applied,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

function applyStatus(failed: number, changes: number): ApplyRecord['status'] {
  if (failed === 0) return 'applied';
  return failed === changes ? 'failed' : 'partial';
}

function error(name: string, message: string) {
  return {
    error: { name, message },
    response: { statusCode: name === 'NotAllowedError' ? 403 : 404 },
  };
}
