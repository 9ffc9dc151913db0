import { InputError, NotAllowedError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  breakingChanges,
  breaksConsumers,
  consumerGate,
  consumerImpact,
  ConsumerDecisionInput,
  decidedConsumers,
  describeConsumerPath,
  SchemaChange,
  SchemaChangeDecision,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { SchemaChangeApi } from '../services/schemaChangeClient';

/** What passed the gate: nothing breaking, or a decision to record. */
export type GatePassage =
  | { decided: false }
  | {
      decided: true;
      decision: ConsumerDecisionInput;
      breaking: ReturnType<typeof breakingChanges>;
    };

/**
 * The consumer gate of an evolution, on the server: the changes that remove
 * or retype a field are weighed against what reads those fields (from the
 * data-platform backend's consumer impact, every consumer). Refused under
 * the `refuse` policy; under `requireDecision`, refused unless the decision
 * gives a reason and names each consumer the change breaks.
 */
export async function passConsumerGate(options: {
  entityRef: string;
  changes: SchemaChange[];
  decision?: ConsumerDecisionInput;
  schemaChanges?: SchemaChangeApi;
  logger: LoggerService;
}): Promise<GatePassage> {
  const { entityRef, changes, decision, logger } = options;
  const candidates = changes.filter(breaksConsumers);
  if (candidates.length === 0) return { decided: false };
  if (!options.schemaChanges) {
    throw new NotAllowedError(
      `${candidates
        .map(c => c.path)
        .join(
          ', ',
        )} would be removed or retyped, and this portal cannot look up who reads them`,
    );
  }
  const paths = candidates.flatMap(c => [
    c.path,
    ...(c.fromPath ? [c.fromPath] : []),
  ]);
  const { consumers, policy } = await options.schemaChanges.consumersOf(
    entityRef,
    paths,
  );
  const breaking = breakingChanges(
    consumerImpact({ changes: candidates, consumers }),
  );
  for (const { change, consumers: broken } of breaking) {
    for (const c of broken) {
      logger.warn(
        `${change.path} (${change.description}) breaks ${c.title}, owned by ${
          c.owner ?? 'no one in the catalog'
        }: ${describeConsumerPath(c)}`,
      );
    }
  }
  const verdict = consumerGate({ breaking, policy, decision });
  switch (verdict.status) {
    case 'clear':
      return { decided: false };
    case 'refused':
      throw new NotAllowedError(verdict.message);
    case 'needs-decision':
      throw new InputError(verdict.message);
    default:
      return { decided: true, decision: decision!, breaking };
  }
}

/** The decision as the backend records it. */
export function decisionRequest(
  entityRef: string,
  revision: number,
  passage: Extract<GatePassage, { decided: true }>,
) {
  return {
    entityRef,
    revision,
    reason: passage.decision.reason.trim(),
    changes: passage.breaking.map(({ change }) => ({
      kind: change.kind,
      path: change.path,
      description: change.description,
    })),
    consumers: decidedConsumers(passage.breaking),
  };
}

/**
 * Records the decision as the task's user, once per task (a checkpoint, and
 * the task id as the backend's idempotency key), and says whom it notified.
 * A dry run records nothing.
 */
export async function recordConsumerDecision(options: {
  ctx: Pick<
    ActionContext<any, any>,
    'checkpoint' | 'getInitiatorCredentials' | 'isDryRun' | 'logger' | 'task'
  >;
  schemaChanges: SchemaChangeApi;
  request: ReturnType<typeof decisionRequest>;
}) {
  const { ctx, schemaChanges, request } = options;
  if (ctx.isDryRun) {
    ctx.logger.info(
      `Dry run: the decision to break ${request.consumers.length} consumer(s) would be recorded and their owners notified`,
    );
    return undefined;
  }
  const recorded = (await ctx.checkpoint({
    key: `dataplatform-consumer-decision-${request.entityRef}`,
    fn: async () =>
      (await schemaChanges.recordDecision(
        { ...request, idempotencyKey: ctx.task.id },
        await ctx.getInitiatorCredentials(),
      )) as never,
  })) as unknown as SchemaChangeDecision;
  ctx.logger.info(
    `Recorded the decision of ${recorded.decidedBy} to break ${
      recorded.consumers.length
    } consumer(s) at ${recorded.decidedAt}; notified ${
      recorded.notified.join(', ') || 'no owner (none in the catalog)'
    }`,
  );
  return {
    id: recorded.id,
    decidedBy: recorded.decidedBy,
    decidedAt: recorded.decidedAt,
    reason: recorded.reason,
    notified: recorded.notified,
    consumers: recorded.consumers,
  };
}
