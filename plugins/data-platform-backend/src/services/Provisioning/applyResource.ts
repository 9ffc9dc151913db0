import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApplyRecord,
  ApplyTrigger,
  ChangeResult,
  DesiredResource,
  planResource,
  ResourcePlan,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Provisioner } from '@dataplatform/backstage-plugin-data-platform-node';
import {
  DEFAULT_LEASE_SETTINGS,
  HeldLease,
  LeaseLostError,
  LeaseSettings,
} from '../JobLease/JobLease';
import { desiredFingerprint, PlanRecorder } from './PlanRecorder';
import type { ProvisioningStore, StoredApply } from './ProvisioningStore';

/** What one resource's apply works with. */
export type ApplyContext = {
  store: ProvisioningStore;
  recorder: PlanRecorder;
  logger: LoggerService;
  /** How long one apply may run before it stops before its next change. */
  applyTimeoutMs: number;
  leases?: LeaseSettings;
  now: () => number;
  /** The engine instance, as it signs the resource rows it writes. */
  writer: string;
};

/** Who asked for an apply, and what of the plan it applies. */
export type ApplyRequestOf = {
  actor: string;
  trigger: ApplyTrigger;
  onlyAdditive?: boolean;
  onProgress?: (message: string) => void;
};

/**
 * Applies one resource's plan under the resource's lease, renewed while
 * the apply runs, so that one apply of a resource runs at a time across
 * instances and a crashed instance's resource can be applied again as
 * soon as its lease runs out. An apply that loses its lease, or outlasts
 * `applyTimeoutMs`, stops before its next change (the provisioner sees
 * the signal) and records which changes it made. Undefined when there was
 * nothing to do or another apply holds the resource.
 */
export async function applyResource(
  context: ApplyContext,
  desired: DesiredResource,
  provisioner: Provisioner,
  request: ApplyRequestOf,
): Promise<StoredApply | undefined> {
  const lease = context.store.applyLease(
    desired.id,
    context.leases ?? DEFAULT_LEASE_SETTINGS,
    context.now,
  );
  let held: HeldLease | undefined;
  let record: StoredApply | undefined;
  try {
    const run = await lease.run(
      async taken => {
        held = taken;
        record = await applyHeld(context, desired, provisioner, request, taken);
      },
      { signal: AbortSignal.timeout(context.applyTimeoutMs) },
    );
    if (!run.ran) {
      request.onProgress?.(`${desired.id}: another apply is running, skipped`);
    }
  } catch (error) {
    // Stopped by its lease or its timeout: what it made is recorded.
    if (!held?.signal.aborted) throw error;
    context.logger.warn(`Provisioning ${desired.id} stopped: ${error}`);
  }
  return record;
}

async function applyHeld(
  context: ApplyContext,
  desired: DesiredResource,
  provisioner: Provisioner,
  request: ApplyRequestOf,
  lease: HeldLease,
): Promise<StoredApply | undefined> {
  const { store, recorder, logger } = context;
  const { signal } = lease;
  const observed = (
    await provisioner.observe([desired], { signal, logger })
  ).get(desired.id);
  const fullPlan = planResource(desired, observed, provisioner.capabilities);
  // Holding the lease, no other apply of the resource runs: one still
  // marked running is an apply whose instance died.
  await closeAbandonedApplies(context, desired.id, fullPlan);
  const plan: ResourcePlan = request.onlyAdditive
    ? { ...fullPlan, changes: fullPlan.changes.filter(c => c.additive) }
    : fullPlan;
  if (plan.changes.length === 0) {
    await recorder.record(
      [desired],
      provisioner,
      new Map([[desired.id, observed]]),
    );
    return undefined;
  }
  if (signal.aborted) {
    request.onProgress?.(
      `${desired.id}: stopped before any change: ${stopReason(lease)}`,
    );
    return undefined;
  }
  const fingerprint = desiredFingerprint(desired);
  const id = await store.startApply({
    resourceId: desired.id,
    entityRef: desired.entityRef,
    actor: request.actor,
    trigger: request.trigger,
    plan,
    desiredFingerprint: fingerprint,
    startedAt: context.now(),
  });
  request.onProgress?.(
    `${desired.id}: ${plan.changes.length} change(s) in ${provisioner.title}`,
  );
  let results: ChangeResult[] | undefined;
  try {
    ({ results } = await provisioner.apply({
      desired,
      observed,
      plan,
      signal,
      logger,
    }));
  } catch (error) {
    if (!signal.aborted) {
      results = plan.changes.map(change => ({
        change,
        status: 'failed' as const,
        message: String((error as Error)?.message ?? error),
      }));
    }
  }
  // Observe again: the state after the apply is what the page shows, and
  // what an apply stopped in the middle made.
  const after = await provisioner.observe([desired], { logger });
  const replanned = planResource(
    desired,
    after.get(desired.id),
    provisioner.capabilities,
  );
  const stopped = signal.aborted
    ? `the apply stopped: ${stopReason(lease)}`
    : '';
  results ??= resultsFoundAfter(plan, replanned, stopped);
  for (const r of results) {
    request.onProgress?.(
      `${desired.id}: ${r.change.action} ${r.change.field}: ${r.status}${
        r.message ? ` (${r.message})` : ''
      }`,
    );
  }
  const status = stopped ? stoppedStatus(results) : applyStatus(results);
  const settled =
    replanned.changes.length === 0 && replanned.refusals.length === 0;
  // A lost lease leaves the resource's row to its new holder.
  const lost = signal.reason instanceof LeaseLostError;
  await store.finishApply(id, {
    status,
    results,
    finishedAt: context.now(),
    ...(lost
      ? {}
      : {
          resourceId: desired.id,
          appliedFingerprint: settled ? fingerprint : undefined,
          writer: context.writer,
        }),
  });
  if (!lost) await recorder.record([desired], provisioner, after);
  const [record] = (await store.applies([id])).values();
  if (status !== 'applied') {
    logger.warn(
      `Provisioning ${desired.id} ${status}: ${results
        .filter(r => r.status !== 'applied')
        .map(r => `${r.change.action} ${r.change.field}: ${r.message}`)
        .join('; ')}`,
    );
  }
  return record;
}

/**
 * Ends the applies of the resource left running by an instance that died
 * in them, saying of each change whether it was found made.
 */
async function closeAbandonedApplies(
  context: ApplyContext,
  resourceId: string,
  plan: ResourcePlan,
) {
  for (const abandoned of await context.store.runningApplies(resourceId)) {
    const results = resultsFoundAfter(
      abandoned.plan,
      plan,
      'the instance applying it stopped',
    );
    await context.store.finishApply(abandoned.id, {
      status: stoppedStatus(results),
      results,
      finishedAt: context.now(),
    });
  }
}

/** Which of a plan's changes a later plan still asks for: those were not made. */
function resultsFoundAfter(
  plan: ResourcePlan,
  later: ResourcePlan,
  reason: string,
): ChangeResult[] {
  const left = new Set(later.changes.map(c => `${c.action} ${c.field}`));
  return plan.changes.map(change =>
    left.has(`${change.action} ${change.field}`)
      ? { change, status: 'skipped', message: `not made: ${reason}` }
      : { change, status: 'applied', message: `${reason}; found made` },
  );
}

function stopReason(lease: HeldLease): string {
  const reason = lease.signal.reason;
  if (reason instanceof LeaseLostError) return reason.message;
  if ((reason as Error)?.name === 'TimeoutError') {
    return 'it outlasted dataPlatform.provisioning.applyTimeout';
  }
  return String((reason as Error)?.message ?? reason);
}

function applyStatus(results: ChangeResult[]): ApplyRecord['status'] {
  const failed = results.filter(r => r.status === 'failed').length;
  if (failed === 0) return 'applied';
  return failed === results.length ? 'failed' : 'partial';
}

/** A stopped apply: whatever it did not make is not done. */
function stoppedStatus(results: ChangeResult[]): ApplyRecord['status'] {
  const made = results.filter(r => r.status === 'applied').length;
  if (made === results.length) return 'applied';
  return made === 0 ? 'failed' : 'partial';
}
