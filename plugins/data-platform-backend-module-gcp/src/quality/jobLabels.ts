import { createHash } from 'crypto';

/** BigQuery's longest label key and value. */
const MAX_LABEL_LENGTH = 63;
/** BigQuery's most labels on one job. */
const MAX_LABELS = 64;

/** The label every job of the data platform carries, as the provisioner's do. */
export const MANAGED_BY_LABEL = { 'managed-by': 'backstage-data-platform' };

/**
 * A text as BigQuery lets a label hold it: lowercase letters, digits,
 * underscores and dashes, at most 63 characters. Other characters become
 * underscores; a longer text keeps its start and a hash of the whole, so
 * two long endpoint refs do not end up with the same label.
 */
function labelText(text: string): string {
  const allowed = text.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  if (allowed.length <= MAX_LABEL_LENGTH) return allowed;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${allowed.slice(0, MAX_LABEL_LENGTH - hash.length - 1)}-${hash}`;
}

/**
 * Job labels from the quality engine's (which name the endpoint and the
 * partition, e.g. `dp-endpoint: dataendpoint:default/plays`), made valid
 * for BigQuery: `dataendpoint_default_plays`. Keys must also start with a
 * letter. Billing exports and INFORMATION_SCHEMA.JOBS group costs by them.
 */
export function jobLabels(
  labels: Record<string, string>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...MANAGED_BY_LABEL,
    ...labels,
    ...extra,
  })) {
    const name = labelText(key);
    result[/^[a-z]/.test(name) ? name : `l${name}`.slice(0, MAX_LABEL_LENGTH)] =
      labelText(value);
  }
  return Object.fromEntries(Object.entries(result).slice(0, MAX_LABELS));
}
