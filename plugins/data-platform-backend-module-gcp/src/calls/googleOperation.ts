import { googleFailureKind, messageOf } from './googleErrors';

/**
 * One call the provisioner makes, in the words an owner reads when it
 * fails: what it tried, and the permission (with the least role holding it)
 * that Google checks.
 */
export type GoogleOperation = {
  /** E.g. `create the table tunewave-raw.events.track_played`. */
  description: string;
  /** E.g. `bigquery.tables.create`. */
  permission: string;
  /** E.g. `roles/bigquery.dataEditor on the dataset`. */
  role: string;
};

/** Why an operation failed, in words an owner can act on. */
export function describeFailure(
  operation: GoogleOperation,
  error: unknown,
): string {
  const said = messageOf(error);
  switch (googleFailureKind(error)) {
    case 'permission-denied': {
      // BigQuery names the permission it checked; Pub/Sub usually does not.
      const named = /Permission '?([a-z]+(?:\.[A-Za-z]+)+)'? denied/.exec(
        said,
      )?.[1];
      const permission = named ?? operation.permission;
      return `Could not ${operation.description}: the provisioner's service account lacks ${permission} (grant it ${operation.role}). Google said: ${said}`;
    }
    case 'unauthenticated':
      return `Could not ${operation.description}: the provisioner has no valid Google credentials. Google said: ${said}`;
    case 'not-found':
      return `Could not ${operation.description}: Google found nothing to act on (a missing project, dataset, topic or schema). Google said: ${said}`;
    case 'rate-limited':
      return `Could not ${operation.description}: Google's quota was still exhausted after several attempts; apply again later. Google said: ${said}`;
    case 'unavailable':
      return `Could not ${operation.description}: Google's service kept failing after several attempts; apply again later. Google said: ${said}`;
    case 'stale-etag':
    case 'concurrent-change':
      return `Could not ${operation.description}: it was changed by someone else at the same time, twice; apply again. Google said: ${said}`;
    default:
      return `Could not ${operation.description}: ${said}`;
  }
}
