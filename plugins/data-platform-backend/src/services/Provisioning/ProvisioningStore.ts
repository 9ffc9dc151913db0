import type {
  ApplyRecord,
  ApplyTrigger,
  ChangeResult,
  DesiredResource,
  ObservedResource,
  ResourcePlan,
  ResourceState,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { chunk } from '../../database/chunk';
import { JobLease, LeaseSettings } from '../JobLease/JobLease';

const RESOURCES = 'provisioning_resources';
const APPLIES = 'provisioning_applies';
const RECONCILES = 'provisioning_reconciles';
const OBSERVATIONS = 'provisioning_observations';
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_COMMIT = 5_000;

/** A resource's row: what the catalog asks for, what was found, the plan. */
export type StoredResource = {
  id: string;
  type: DesiredResource['type'];
  entityRef: string;
  eventTypeRef?: string;
  owner: string;
  provisioner?: string;
  state: ResourceState;
  desired: DesiredResource;
  desiredFingerprint: string;
  appliedFingerprint?: string;
  /**
   * The version of what was observed when the plan was made: the
   * provisioner's own, or a digest of the observation; '' when the
   * resource did not exist.
   */
  observedVersion?: string;
  observed?: ObservedResource;
  plan?: ResourcePlan;
  error?: string;
  observedAt?: number;
  lastApplyId?: number;
  updatedAt: number;
};

/** An apply as stored, with the desired fingerprint it was planned for. */
export type StoredApply = ApplyRecord & { desiredFingerprint: string };

/**
 * Where a resource stands, without its specs and plan: what a reconcile
 * compares to tell whether anything changed since the plan was made.
 */
export type ResourceStanding = {
  id: string;
  provisioner?: string;
  state: ResourceState;
  desiredFingerprint: string;
  observedVersion?: string;
  appliedFingerprint?: string;
  error?: string;
  lastApplyId?: number;
  lastApply?: { status: string; desiredFingerprint: string };
};

const json = (value: unknown) =>
  value === undefined ? null : JSON.stringify(value);
const parsed = <T>(text: string | null | undefined): T | undefined =>
  text ? (JSON.parse(text) as T) : undefined;
const optional = <T>(value: T | null | undefined): T | undefined =>
  value === null ? undefined : value;
const iso = (ms: unknown) =>
  ms === null || ms === undefined
    ? undefined
    : new Date(Number(ms)).toISOString();

/** When a row was last observed: written, or seen unchanged by its provisioner's last observation. */
function observedAtOf(row: any): number | undefined {
  const times = [
    row.observed_at,
    row.error ? null : row.provisioner_observed_at,
  ]
    .filter(t => t !== null && t !== undefined)
    .map(Number);
  return times.length ? Math.max(...times) : undefined;
}

function toResource(row: any): StoredResource {
  const observedAt = observedAtOf(row);
  return {
    id: row.id,
    type: row.type,
    entityRef: row.entity_ref,
    eventTypeRef: optional(row.event_type_ref),
    owner: row.owner,
    provisioner: optional(row.provisioner),
    state: row.state,
    desired: JSON.parse(row.desired),
    desiredFingerprint: row.desired_fingerprint,
    appliedFingerprint: optional(row.applied_fingerprint),
    observedVersion: optional(row.observed_version),
    observed: parsed(row.observed),
    plan: parsed(row.plan),
    error: optional(row.error),
    observedAt,
    lastApplyId:
      row.last_apply_id === null ? undefined : Number(row.last_apply_id),
    updatedAt: Number(row.updated_at),
  };
}

function toApply(row: any): StoredApply {
  const record: StoredApply = {
    id: Number(row.id),
    resourceId: row.resource_id,
    entityRef: row.entity_ref,
    actor: row.actor,
    trigger: row.trigger,
    status: row.status,
    plan: JSON.parse(row.plan),
    desiredFingerprint: row.desired_fingerprint,
    startedAt: iso(row.started_at)!,
  };
  const results = parsed<ChangeResult[]>(row.results);
  if (results) record.results = results;
  const finishedAt = iso(row.finished_at);
  if (finishedAt) record.finishedAt = finishedAt;
  return record;
}

/**
 * The provisioning tables: resources with their state and the apply log;
 * each resource's apply lease is a row of `job_leases`.
 */
export class ProvisioningStore {
  constructor(private readonly db: Knex) {}

  /**
   * Adds or replaces resources' rows (keeps their last apply, which
   * `finishApply` sets), as written by `writer` (an engine instance).
   */
  async putResources(
    resources: StoredResource[],
    writer?: string,
  ): Promise<void> {
    // Thousands of rows a commit: each commit waits for its log to reach
    // the disk, so one per statement made a full reconcile's writes slow.
    for (const rows of chunk(resources, ROWS_PER_COMMIT)) {
      await this.db.transaction(async tx => {
        for (const batch of chunk(rows, ROWS_PER_STATEMENT)) {
          await this.upsertResources(tx, batch, writer);
        }
      });
    }
  }

  private async upsertResources(
    tx: Knex,
    batch: StoredResource[],
    writer: string | undefined,
  ) {
    await tx(RESOURCES)
      .insert(
        batch.map(r => ({
          id: r.id,
          type: r.type,
          entity_ref: r.entityRef,
          event_type_ref: r.eventTypeRef ?? null,
          owner: r.owner,
          provisioner: r.provisioner ?? null,
          state: r.state,
          desired: JSON.stringify(r.desired),
          desired_fingerprint: r.desiredFingerprint,
          applied_fingerprint: r.appliedFingerprint ?? null,
          observed_version: r.observedVersion ?? null,
          observed: json(r.observed),
          plan: json(r.plan),
          error: r.error ?? null,
          observed_at: r.observedAt ?? null,
          last_apply_id: r.lastApplyId ?? null,
          updated_at: r.updatedAt,
          written_by: writer ?? null,
        })),
      )
      .onConflict('id')
      .merge([
        'type',
        'entity_ref',
        'event_type_ref',
        'owner',
        'provisioner',
        'state',
        'desired',
        'desired_fingerprint',
        'applied_fingerprint',
        'observed_version',
        'observed',
        'plan',
        'error',
        'observed_at',
        'updated_at',
        'written_by',
      ]);
  }

  /** Rows of these ids. */
  async resources(ids: string[]): Promise<Map<string, StoredResource>> {
    const found = new Map<string, StoredResource>();
    for (const batch of chunk(ids, 500)) {
      for (const row of await this.rows().whereIn('r.id', batch)) {
        found.set(row.id, toResource(row));
      }
    }
    return found;
  }

  /** Resources of an entity, and those carrying an event type's schema. */
  async resourcesOf(entityRef: string): Promise<StoredResource[]> {
    const rows = await this.rows()
      .where('r.entity_ref', entityRef)
      .orWhere('r.event_type_ref', entityRef)
      .orderBy('r.id');
    return rows.map(toResource);
  }

  /** Resource rows with their provisioner's last observation. */
  private rows() {
    return this.db(`${RESOURCES} as r`)
      .leftJoin(`${OBSERVATIONS} as o`, 'o.provisioner', 'r.provisioner')
      .select('r.*', 'o.observed_at as provisioner_observed_at');
  }

  /** Where every resource (or these) stands, with its last apply's outcome. */
  async standings(ids?: string[]): Promise<Map<string, ResourceStanding>> {
    return this.readStandings(ids ? { ids } : {});
  }

  /** Where the resources whose rows others than `writer` wrote at or after `since` stand. */
  async standingsChangedSince(
    since: number,
    writer?: string,
  ): Promise<Map<string, ResourceStanding>> {
    return this.readStandings({ since, writer });
  }

  /** How many resources are held. */
  async countResources(): Promise<number> {
    const [row] = await this.db(RESOURCES).count({ count: '*' });
    return Number(row.count);
  }

  private async readStandings(filter: {
    ids?: string[];
    since?: number;
    writer?: string;
  }): Promise<Map<string, ResourceStanding>> {
    const query = () =>
      this.db(`${RESOURCES} as r`)
        .leftJoin(`${APPLIES} as a`, 'a.id', 'r.last_apply_id')
        .select(
          'r.id',
          'r.provisioner',
          'r.state',
          'r.desired_fingerprint',
          'r.observed_version',
          'r.applied_fingerprint',
          'r.error',
          'r.last_apply_id',
          'a.status as last_apply_status',
          'a.desired_fingerprint as last_apply_fingerprint',
        );
    let rows: any[] = [];
    if (filter.ids) {
      for (const batch of chunk(filter.ids, 500)) {
        rows = rows.concat(await query().whereIn('r.id', batch));
      }
    } else if (filter.since !== undefined) {
      rows = await query()
        .where('r.updated_at', '>=', filter.since)
        .andWhere(q =>
          q
            .whereNull('r.written_by')
            .orWhereNot('r.written_by', filter.writer ?? ''),
        );
    } else {
      rows = await query();
    }
    const found = new Map<string, ResourceStanding>();
    for (const row of rows) {
      const standing: ResourceStanding = {
        id: row.id,
        state: row.state,
        desiredFingerprint: row.desired_fingerprint,
      };
      if (row.provisioner !== null) standing.provisioner = row.provisioner;
      if (row.observed_version !== null) {
        standing.observedVersion = row.observed_version;
      }
      if (row.applied_fingerprint !== null) {
        standing.appliedFingerprint = row.applied_fingerprint;
      }
      if (row.error !== null) standing.error = row.error;
      if (row.last_apply_id !== null) {
        standing.lastApplyId = Number(row.last_apply_id);
        standing.lastApply = {
          status: row.last_apply_status,
          desiredFingerprint: row.last_apply_fingerprint,
        };
      }
      found.set(row.id, standing);
    }
    return found;
  }

  /**
   * Records that a provisioner observed everything it provisions at `at`:
   * the observation time of each of its rows that did not change.
   */
  async recordObservation(provisioner: string, at: number): Promise<void> {
    await this.db(OBSERVATIONS)
      .insert({ provisioner, observed_at: at })
      .onConflict('provisioner')
      .merge();
  }

  /** Forgets resources the catalog no longer asks for (the resources themselves stay). */
  async removeResources(ids: string[]): Promise<void> {
    for (const batch of chunk(ids, 500)) {
      await this.db(RESOURCES).whereIn('id', batch).delete();
    }
  }

  async startApply(apply: {
    resourceId: string;
    entityRef: string;
    actor: string;
    trigger: ApplyTrigger;
    plan: ResourcePlan;
    desiredFingerprint: string;
    startedAt: number;
  }): Promise<number> {
    const [row] = await this.db(APPLIES)
      .insert({
        resource_id: apply.resourceId,
        entity_ref: apply.entityRef,
        actor: apply.actor,
        trigger: apply.trigger,
        status: 'running',
        plan: JSON.stringify(apply.plan),
        desired_fingerprint: apply.desiredFingerprint,
        started_at: apply.startedAt,
      })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  /**
   * Records how an apply ended, and, given the resource, on it: the apply
   * as its last, and the desired fingerprint as applied when nothing was
   * left to do.
   */
  async finishApply(
    id: number,
    outcome: {
      status: ApplyRecord['status'];
      results: ChangeResult[];
      finishedAt: number;
      /** Left out by an apply that no longer holds the resource. */
      resourceId?: string;
      appliedFingerprint?: string;
      /** The engine instance that applied it. */
      writer?: string;
    },
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(APPLIES)
        .where('id', id)
        .update({
          status: outcome.status,
          results: JSON.stringify(outcome.results),
          finished_at: outcome.finishedAt,
        });
      if (outcome.resourceId === undefined) return;
      await tx(RESOURCES)
        .where('id', outcome.resourceId)
        .update({
          last_apply_id: id,
          updated_at: outcome.finishedAt,
          written_by: outcome.writer ?? null,
          ...(outcome.appliedFingerprint
            ? { applied_fingerprint: outcome.appliedFingerprint }
            : {}),
        });
    });
  }

  /** The resource's applies still marked running, oldest first. */
  async runningApplies(resourceId: string): Promise<StoredApply[]> {
    const rows = await this.db(APPLIES)
      .where({ resource_id: resourceId, status: 'running' })
      .orderBy('id');
    return rows.map(toApply);
  }

  async applies(ids: number[]): Promise<Map<number, StoredApply>> {
    const found = new Map<number, StoredApply>();
    for (const batch of chunk(ids, 500)) {
      for (const row of await this.db(APPLIES).whereIn('id', batch)) {
        found.set(Number(row.id), toApply(row));
      }
    }
    return found;
  }

  /** The apply log of an entity's resources, newest first. */
  async history(
    resourceIds: string[],
    options: { limit: number },
  ): Promise<StoredApply[]> {
    if (resourceIds.length === 0) return [];
    const rows = await this.db(APPLIES)
      .whereIn('resource_id', resourceIds)
      .orderBy('id', 'desc')
      .limit(options.limit);
    return rows.map(toApply);
  }

  /**
   * The lease of a resource's applies: one apply of a resource at a time
   * across instances. Named by a digest of the resource id, which may be
   * longer than a lease name.
   */
  applyLease(
    resourceId: string,
    settings: LeaseSettings,
    clock: () => number,
  ): JobLease {
    const digest = createHash('sha256').update(resourceId).digest('base64url');
    return new JobLease(this.db, `apply:${digest}`, settings, clock);
  }

  async recordReconcile(finishedAt: number, summary: object): Promise<void> {
    await this.db(RECONCILES)
      .insert({
        name: 'catalog',
        finished_at: finishedAt,
        summary: JSON.stringify(summary),
      })
      .onConflict('name')
      .merge();
  }

  async lastReconcile(): Promise<
    { finishedAt: number; summary: Record<string, number> } | undefined
  > {
    const row = await this.db(RECONCILES).where('name', 'catalog').first();
    return row
      ? {
          finishedAt: Number(row.finished_at),
          summary: JSON.parse(row.summary),
        }
      : undefined;
  }
}
