/*
 * Creates every resource from empty through the GCP provisioner, many
 * resources at once (the module's limiter keeps each call under Google's
 * quotas), in dependency order: datasets and schemas, then tables and
 * topics, then subscriptions and deliveries. Runs in virtual time, so
 * that hours of quota-bound Google time take minutes.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DesiredResource,
  planResource,
  ResourceType,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { Provisioner } from '@dataplatform/backstage-plugin-data-platform-node';
import type { VirtualClock } from './virtualClock';

const WAVES: ResourceType[][] = [
  ['bigquery-dataset', 'pubsub-schema'],
  ['bigquery-table', 'pubsub-topic'],
  ['pubsub-subscription', 'delivery'],
];

export type FullApplyResult = {
  resources: number;
  /** Changes the provisioner reported failed, with the first few messages. */
  failed: number;
  failures: string[];
  /** Virtual (Google) time the apply took. */
  googleMs: number;
  wallMs: number;
};

export async function applyEverything(
  resources: DesiredResource[],
  provisioner: Provisioner,
  clock: VirtualClock,
  options: { concurrency: number; logger: LoggerService },
): Promise<FullApplyResult> {
  const started = { wall: Date.now(), google: clock.now() };
  const outcome = { applied: 0, failed: 0, failures: [] as string[] };
  const create = async (desired: DesiredResource) => {
    const plan = planResource(desired, undefined, provisioner.capabilities);
    const { results } = await provisioner.apply({
      desired,
      plan,
      logger: options.logger,
    });
    outcome.applied++;
    for (const result of results) {
      if (result.status !== 'failed') continue;
      outcome.failed++;
      if (outcome.failures.length < 5) {
        outcome.failures.push(`${desired.id}: ${result.message}`);
      }
    }
  };
  for (const wave of WAVES) {
    const items = resources.filter(r => wave.includes(r.type));
    await clock.forEach(items, options.concurrency, create);
  }
  return {
    resources: outcome.applied,
    failed: outcome.failed,
    failures: outcome.failures,
    googleMs: clock.now() - started.google,
    wallMs: Date.now() - started.wall,
  };
}
