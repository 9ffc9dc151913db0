import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type {
  ApplyRecord,
  ApplyResponse,
  EntityProvisioning,
  ProvisionedResource,
} from '@dataplatform/backstage-plugin-data-platform-common';

/** Where the tests' discovery API puts the data-platform backend. */
export const BASE_URL = 'http://provisioning.test';
const API = `${BASE_URL}/api/data-platform/provisioning/entities`;

type Seen = { method: string; url: URL; body?: unknown };

/**
 * A fake provisioning API at the HTTP layer, following the contract in
 * -common: answers an entity's resources, plans them again, applies their
 * changes (refusing non-owners with 403, failing the changes it is told to)
 * and keeps the apply log. Every request is recorded for assertions.
 */
export class FakeProvisioningBackend {
  readonly entities = new Map<string, EntityProvisioning>();
  /** Applies, oldest first. */
  readonly applies: ApplyRecord[] = [];
  /** Whether the acting user may apply (owner, or granted the permission); the answers' `canApply` is the fixtures'. */
  mayApply = true;
  /** Make every apply answer with this status. */
  applyFailsWith?: number;
  /** Changes that fail when applied, by resource id and field, with the message. */
  readonly failingChanges = new Map<string, Record<string, string>>();
  /** Hold apply answers this long (progress states). */
  applyDelayMs = 0;
  readonly requests: Seen[] = [];
  private nextApplyId = 1;

  readonly server = setupServer(
    http.get(`${API}/:kind/:namespace/:name`, ({ request, params }) => {
      this.requests.push({ method: 'GET', url: new URL(request.url) });
      const found = this.entity(params);
      return found ? HttpResponse.json(found) : this.notFound(params);
    }),
    http.post(`${API}/:kind/:namespace/:name/plan`, ({ request, params }) => {
      this.requests.push({ method: 'POST', url: new URL(request.url) });
      const found = this.entity(params);
      if (!found) return this.notFound(params);
      const now = new Date().toISOString();
      for (const resource of found.resources) {
        if (resource.provisioner) resource.observedAt = now;
      }
      return HttpResponse.json(found);
    }),
    http.post(
      `${API}/:kind/:namespace/:name/apply`,
      async ({ request, params }) => {
        const body = (await request.json()) as { resources?: string[] };
        this.requests.push({ method: 'POST', url: new URL(request.url), body });
        await delay(this.applyDelayMs);
        const found = this.entity(params);
        if (!found) return this.notFound(params);
        if (!this.mayApply) {
          return this.error(
            403,
            'NotAllowedError',
            `Only the owners of ${found.entityRef} or holders of dataplatform.provisioning.apply may apply its provisioning`,
          );
        }
        if (this.applyFailsWith) {
          return this.error(
            this.applyFailsWith,
            'Error',
            'The provisioning store is not reachable',
          );
        }
        const applies = this.apply(found, body.resources);
        const response: ApplyResponse = { applies, provisioning: found };
        return HttpResponse.json(response);
      },
    ),
    http.get(`${API}/:kind/:namespace/:name/history`, ({ request, params }) => {
      const url = new URL(request.url);
      this.requests.push({ method: 'GET', url });
      const found = this.entity(params);
      if (!found) return this.notFound(params);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const ids = new Set(found.resources.map(r => r.id));
      const applies = this.applies
        .filter(a => ids.has(a.resourceId))
        .reverse()
        .slice(0, limit);
      return HttpResponse.json({ applies });
    }),
  );

  /** Sets an entity's answer (its `entityRef` says which). */
  set(provisioning: EntityProvisioning) {
    this.entities.set(provisioning.entityRef, provisioning);
  }

  /** The requests made to a path ending so, in order. */
  requestsTo(method: string, pathEnd: string): Seen[] {
    return this.requests.filter(
      r => r.method === method && r.url.pathname.endsWith(pathEnd),
    );
  }

  /** Intercepts requests for the calling file's tests, reset before each test. */
  listen() {
    beforeAll(() => this.server.listen({ onUnhandledRequest: 'error' }));
    beforeEach(() => this.reset());
    afterEach(() => this.server.resetHandlers());
    afterAll(() => this.server.close());
  }

  private reset() {
    this.entities.clear();
    this.applies.length = 0;
    this.failingChanges.clear();
    this.requests.length = 0;
    this.mayApply = true;
    this.applyFailsWith = undefined;
    this.applyDelayMs = 0;
    this.nextApplyId = 1;
  }

  private entity(params: Record<string, unknown>) {
    const { kind, namespace, name } = params as Record<string, string>;
    return this.entities.get(`${kind}:${namespace}/${name}`);
  }

  /** Applies as the engine does: the entity's own resources (and the datasets they need), those with changes. */
  private apply(found: EntityProvisioning, chosen?: string[]): ApplyRecord[] {
    const own = (r: ProvisionedResource) =>
      r.entityRef === found.entityRef ||
      r.desired.eventType === found.entityRef;
    const applicable = found.resources.filter(
      r =>
        own(r) ||
        (r.type === 'bigquery-dataset' &&
          found.resources.some(
            o => own(o) && o.desired.dependsOn.includes(r.id),
          )),
    );
    const wanted = new Set(chosen ?? applicable.map(r => r.id));
    for (const r of applicable) {
      if (wanted.has(r.id)) r.desired.dependsOn.forEach(d => wanted.add(d));
    }
    const records: ApplyRecord[] = [];
    for (const resource of applicable) {
      const plan = resource.plan;
      if (!wanted.has(resource.id) || !resource.provisioner || !plan) continue;
      if (plan.changes.length === 0) continue;
      const failing = this.failingChanges.get(resource.id) ?? {};
      const results = plan.changes.map(change =>
        failing[change.field]
          ? {
              change,
              status: 'failed' as const,
              message: failing[change.field],
            }
          : { change, status: 'applied' as const },
      );
      const failed = results.filter(r => r.status === 'failed');
      const now = new Date().toISOString();
      const record: ApplyRecord = {
        id: this.nextApplyId++,
        resourceId: resource.id,
        entityRef: resource.entityRef,
        actor: 'user:development/guest',
        trigger: 'manual',
        status: applyStatus(failed.length, results.length),
        plan,
        results,
        startedAt: now,
        finishedAt: now,
      };
      this.applies.push(record);
      records.push(record);
      const remaining = failed.map(r => r.change);
      resource.plan = { ...plan, action: 'none', changes: remaining };
      if (remaining.length) resource.state = 'failed';
      else resource.state = plan.refusals.length ? 'blocked' : 'in-sync';
      resource.lastApply = record;
      resource.observedAt = now;
    }
    return records;
  }

  private notFound(params: Record<string, unknown>) {
    const { kind, namespace, name } = params as Record<string, string>;
    return this.error(
      404,
      'NotFoundError',
      `No entity ${kind}:${namespace}/${name}`,
    );
  }

  private error(status: number, name: string, message: string) {
    return HttpResponse.json(
      { error: { name, message }, response: { statusCode: status } },
      { status },
    );
  }
}

function applyStatus(failed: number, total: number): ApplyRecord['status'] {
  if (failed === 0) return 'applied';
  return failed === total ? 'failed' : 'partial';
}
