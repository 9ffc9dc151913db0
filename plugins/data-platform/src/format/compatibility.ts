const EXPLANATIONS: Record<string, string> = {
  BACKWARD:
    'Consumers on this revision can read events written with the previous one.',
  BACKWARD_TRANSITIVE:
    'Consumers on this revision can read events written with any earlier one.',
  FORWARD:
    'Consumers on the previous revision can read events written with this one.',
  FORWARD_TRANSITIVE:
    'Consumers on any earlier revision can read events written with this one.',
  FULL: 'Backward and forward compatible with the previous revision.',
  FULL_TRANSITIVE:
    'Backward and forward compatible with every earlier revision.',
  NONE: 'Changes are not checked for compatibility.',
};

/** The compatibility mode an event type has when its YAML names none. */
export const DEFAULT_COMPATIBILITY = 'BACKWARD';

/** What a compatibility mode promises consumers, in one sentence. */
export function compatibilityExplanation(mode: string): string {
  return EXPLANATIONS[mode] ?? '';
}
