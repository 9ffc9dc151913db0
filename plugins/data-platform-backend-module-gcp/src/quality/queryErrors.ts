import { googleFailureKind, messageOf } from '../calls/googleErrors';

/** Bytes for people: `10 GiB (10,737,418,240 bytes)`, as BigQuery bills in binary units. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (unit === 0) return exact;
  const rounded = Number(value.toFixed(value < 10 ? 2 : 1));
  return `${rounded} ${units[unit]} (${exact})`;
}

/** The config key of the cap, for messages that name it. */
export const CAP_KEY = 'dataPlatform.gcp.quality.maximumBytesBilled';

/** A check query the dry run found too large to run under the cap: nothing ran. */
export class OverCapError extends Error {
  constructor(table: string, estimatedBytes: number, cap: number) {
    super(
      `The checks of ${table} would scan ${formatBytes(
        estimatedBytes,
      )}, more than the cap of ${formatBytes(
        cap,
      )} (${CAP_KEY}); they were not run. Check fewer columns, or raise the cap`,
    );
    this.name = 'OverCapError';
  }
}

const reasonsOf = (error: unknown): string[] =>
  ((error as { errors?: { reason?: string }[] })?.errors ?? [])
    .map(e => e.reason)
    .filter((r): r is string => Boolean(r));

/**
 * A BigQuery error of a check query as its owner can act on it: the cap
 * that stopped a job (`bytesBilledLimitExceeded`), a quota, the
 * permissions a refusal (403 `accessDenied`) is about, a table that is
 * not there. Other errors keep BigQuery's own message, which names the
 * SQL problem.
 */
export function checkQueryError(
  error: unknown,
  context: { table: string; project: string; cap: number },
): Error {
  if (error instanceof OverCapError) return error;
  const message = messageOf(error);
  const reasons = reasonsOf(error);
  const kind = googleFailureKind(error);
  let text: string;
  if (reasons.includes('bytesBilledLimitExceeded')) {
    text = `BigQuery stopped the checks of ${
      context.table
    } at the cap of ${formatBytes(context.cap)} (${CAP_KEY}): ${message}`;
  } else if (reasons.includes('quotaExceeded')) {
    text = `A BigQuery quota stopped the checks of ${context.table}: ${message}`;
  } else if (reasons.includes('accessDenied') || kind === 'permission-denied') {
    text = `BigQuery refused the checks of ${context.table}: ${message.replace(
      /\.$/,
      '',
    )}. The backend's account needs bigquery.jobs.create in the project ${
      context.project
    } (roles/bigquery.jobUser), and bigquery.tables.get and bigquery.tables.getData on the table (roles/bigquery.dataViewer)`;
  } else if (kind === 'not-found') {
    text = `${context.table} was not found in BigQuery: ${message}`;
  } else {
    text = `BigQuery could not check ${context.table}: ${message}`;
  }
  return new Error(text, { cause: error });
}
