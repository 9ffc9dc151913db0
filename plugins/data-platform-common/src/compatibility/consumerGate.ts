import {
  AffectedConsumer,
  ChangeImpact,
  describeConsumerPath,
} from './consumerImpact';
import type { DecidedConsumer } from './schemaChangeDecision';
import type { SchemaChange } from './types';

/**
 * What the schema-change gate does with a change that breaks consumers
 * (config `dataPlatform.schemaChanges.breakingConsumers`): `requireDecision`
 * lets the owner ship it with a recorded decision; `refuse` never does.
 */
export type BreakingConsumersPolicy = 'refuse' | 'requireDecision';

/** Every {@link BreakingConsumersPolicy}. */
export const BREAKING_CONSUMERS_POLICIES: readonly BreakingConsumersPolicy[] = [
  'refuse',
  'requireDecision',
];

/** The policy when the config says nothing. */
export const DEFAULT_BREAKING_CONSUMERS_POLICY: BreakingConsumersPolicy =
  'requireDecision';

/**
 * Whether a change breaks a consumer that reads the field, whatever the
 * compatibility mode says about readers of old data: the field is gone
 * (removed, or renamed away), has another type, or turns into or out of an
 * array. PII, description and NULLABLE/REQUIRED changes leave readers'
 * queries working.
 */
export function breaksConsumers(change: SchemaChange): boolean {
  if (
    change.kind === 'field-removed' ||
    change.kind === 'field-renamed' ||
    change.kind === 'type-changed'
  ) {
    return true;
  }
  return (
    change.kind === 'mode-changed' &&
    (change.before?.mode === 'REPEATED') !== (change.after?.mode === 'REPEATED')
  );
}

/** A change that breaks consumers, with them. */
export interface BreakingChange {
  change: SchemaChange;
  consumers: AffectedConsumer[];
}

/** The changes that break at least one consumer. */
export function breakingChanges(impacts: ChangeImpact[]): BreakingChange[] {
  return impacts.filter(
    i => breaksConsumers(i.change) && i.consumers.length > 0,
  );
}

/** Every consumer the breaking changes break, each once. */
export function brokenConsumers(
  breaking: BreakingChange[],
): AffectedConsumer[] {
  const byId = new Map<string, AffectedConsumer>();
  for (const b of breaking) {
    for (const c of b.consumers) if (!byId.has(c.id)) byId.set(c.id, c);
  }
  return [...byId.values()];
}

/** The owner's decision to ship a change that breaks consumers, as given. */
export interface ConsumerDecisionInput {
  /** Why the change ships anyway (what the consumers should do). */
  reason: string;
  /** The ids of the consumers the owner saw break and accepted. */
  consumers: string[];
}

/** The shortest reason a decision may give. */
export const MIN_DECISION_REASON_LENGTH = 10;

/** The gate's verdict on the consumers a schema change breaks. */
export type ConsumerGateVerdict =
  | { status: 'clear' }
  | { status: 'refused'; message: string }
  | { status: 'needs-decision'; message: string; missing: string[] }
  | { status: 'decided' };

/**
 * The gate: no breaking change passes; under `refuse` one never passes;
 * under `requireDecision` it passes with a decision that gives a reason and
 * names every consumer it breaks (one the owner did not see is not decided).
 */
export function consumerGate(options: {
  breaking: BreakingChange[];
  policy: BreakingConsumersPolicy;
  decision?: ConsumerDecisionInput;
}): ConsumerGateVerdict {
  const { breaking, policy, decision } = options;
  if (breaking.length === 0) return { status: 'clear' };
  const consumers = brokenConsumers(breaking);
  const what = breaking
    .map(
      b =>
        `${b.change.path} (${b.change.description}) is read by ${b.consumers
          .map(c => c.title)
          .join(', ')}`,
    )
    .join('; ');
  if (policy === 'refuse') {
    return {
      status: 'refused',
      message: `This portal refuses schema changes that break consumers: ${what}`,
    };
  }
  const accepted = new Set(decision?.consumers ?? []);
  const missing = consumers.filter(c => !accepted.has(c.id)).map(c => c.id);
  const reason = decision?.reason.trim() ?? '';
  if (!decision || missing.length > 0) {
    return {
      status: 'needs-decision',
      message: `The change breaks ${consumers.length} consumer${
        consumers.length === 1 ? '' : 's'
      } (${what}); the owner must decide to ship it${
        decision && missing.length > 0
          ? `, naming ${missing.length} more (${missing.join(', ')})`
          : ''
      }`,
      missing,
    };
  }
  if (reason.length < MIN_DECISION_REASON_LENGTH) {
    return {
      status: 'needs-decision',
      message: `The decision needs a reason of at least ${MIN_DECISION_REASON_LENGTH} characters that tells the consumers what to do`,
      missing: [],
    };
  }
  return { status: 'decided' };
}

/** The consumers a decision names, with the changed fields each reads. */
export function decidedConsumers(
  breaking: BreakingChange[],
): DecidedConsumer[] {
  const byId = new Map<string, DecidedConsumer>();
  for (const { change, consumers } of breaking) {
    for (const c of consumers) {
      const entry = byId.get(c.id) ?? {
        id: c.id,
        title: c.title,
        ...(c.owner ? { owner: c.owner } : {}),
        paths: [],
        through: describeConsumerPath(c),
      };
      if (!entry.paths.includes(change.path)) entry.paths.push(change.path);
      byId.set(c.id, entry);
    }
  }
  return [...byId.values()];
}
