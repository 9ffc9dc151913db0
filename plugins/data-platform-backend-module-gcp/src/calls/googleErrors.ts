/**
 * Google's errors in one vocabulary. BigQuery's client (REST) reports HTTP
 * statuses in `code`; Pub/Sub's (gRPC, or REST with `fallback`) reports gRPC
 * status codes. Both are read here so that callers ask "does it exist
 * already?" rather than compare numbers.
 */
export type GoogleFailureKind =
  | 'already-exists'
  | 'not-found'
  | 'permission-denied'
  | 'unauthenticated'
  | 'stale-etag'
  | 'concurrent-change'
  | 'rate-limited'
  | 'unavailable'
  | 'invalid'
  | 'other';

// gRPC status codes (google.rpc.Code).
const GRPC: Record<number, GoogleFailureKind> = {
  3: 'invalid', // INVALID_ARGUMENT
  4: 'unavailable', // DEADLINE_EXCEEDED
  5: 'not-found', // NOT_FOUND
  6: 'already-exists', // ALREADY_EXISTS
  7: 'permission-denied', // PERMISSION_DENIED
  8: 'rate-limited', // RESOURCE_EXHAUSTED
  9: 'invalid', // FAILED_PRECONDITION
  10: 'concurrent-change', // ABORTED
  13: 'unavailable', // INTERNAL
  14: 'unavailable', // UNAVAILABLE
  16: 'unauthenticated', // UNAUTHENTICATED
};

// BigQuery reports its rate limits as 403 with these reasons.
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded']);

type ErrorShape = {
  code?: unknown;
  message?: unknown;
  errors?: { reason?: string; message?: string }[];
};

/** What kind of failure a Google client's error is. */
export function googleFailureKind(error: unknown): GoogleFailureKind {
  const { code, errors } = (error ?? {}) as ErrorShape;
  if (typeof code !== 'number') return 'other';
  if (code < 100) return GRPC[code] ?? 'other';
  if (code === 409) {
    // IAM answers 409 to a setIamPolicy whose etag is stale.
    return /concurrent policy changes/i.test(messageOf(error))
      ? 'concurrent-change'
      : 'already-exists';
  }
  if (code === 412) return 'stale-etag';
  if (code === 429) return 'rate-limited';
  if (code === 403) {
    return errors?.some(e => e.reason && RATE_LIMIT_REASONS.has(e.reason))
      ? 'rate-limited'
      : 'permission-denied';
  }
  if (code === 401) return 'unauthenticated';
  if (code === 404) return 'not-found';
  if (code === 400) return 'invalid';
  if (code >= 500) return 'unavailable';
  return 'other';
}

/** A failure worth another attempt after a pause: rate limits and server errors. */
export function isRetryable(error: unknown): boolean {
  const kind = googleFailureKind(error);
  return kind === 'rate-limited' || kind === 'unavailable';
}

export const isAlreadyExists = (error: unknown) =>
  googleFailureKind(error) === 'already-exists';
export const isNotFound = (error: unknown) =>
  googleFailureKind(error) === 'not-found';

/** The error's own message, without the gRPC code prefix (`6 ALREADY_EXISTS: `). */
export function messageOf(error: unknown): string {
  const message = String((error as ErrorShape)?.message ?? error);
  return message.replace(/^\d+ [A-Z_]+: /, '');
}
