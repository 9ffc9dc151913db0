import type { CompatibilityMode } from '../kinds/entities';

const DESCRIPTIONS: Record<CompatibilityMode, string> = {
  BACKWARD:
    'Consumers on a new revision can read events written with the previous one: upgrade consumers first.',
  BACKWARD_TRANSITIVE:
    'Consumers on a new revision can read events written with any earlier one.',
  FORWARD:
    'Consumers still on the previous revision can read events written with a new one: upgrade producers first.',
  FORWARD_TRANSITIVE:
    'Consumers on any earlier revision can read events written with a new one.',
  FULL: 'Backward and forward compatible with the previous revision: upgrade in any order.',
  FULL_TRANSITIVE:
    'Backward and forward compatible with every earlier revision.',
  NONE: 'Changes are not checked; consumers may break.',
};

/** What a compatibility mode promises, in one sentence. */
export function compatibilityModeDescription(mode: CompatibilityMode): string {
  return DESCRIPTIONS[mode] ?? '';
}
