const URN_PREFIX = /^urn:uuid:/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * A run id in its one stored form: the UUID in lower case, without a
 * `urn:uuid:` prefix. Emitters write one run's id in each of these forms,
 * and the three must be one run. The id has passed the spec's `uuid`
 * format check.
 */
export function canonicalRunId(runId: string): string {
  return runId.replace(URN_PREFIX, '').toLowerCase();
}

/** Why a run id, in its canonical form, names no run; undefined when it does. */
export function runIdProblem(canonical: string): string | undefined {
  return canonical === NIL_UUID
    ? 'must not be the nil UUID, which names no run'
    : undefined;
}
