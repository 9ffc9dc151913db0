import type {
  DerivedPii,
  PiiFinding,
  PiiPathStep,
} from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * Words for personal data that reaches a column along lineage, shared by the
 * schema marks, the Columns view and the findings cards so they say it alike.
 */

/** Said of a hop through a node the caller may not read. */
export const HIDDEN_STEP_LABEL = 'a dataset you may not read';

/**
 * "user_id of Plays, raw", or "Plays, raw" for a dataset-level hop: titles
 * have spaces and commas, so the column is not dotted onto them.
 */
export function stepLabel(step: PiiPathStep): string {
  if (step.hidden) return HIDDEN_STEP_LABEL;
  return step.column ? `${step.column} of ${step.title}` : step.title;
}

/** Where it comes from: the declared column, first on the path. */
export function sourceLabel(path: PiiPathStep[]): string {
  return path.length ? stepLabel(path[0]) : 'an upstream endpoint';
}

/** The endpoint it comes from, without its column. */
export function sourceEndpoint(path: PiiPathStep[]): string {
  if (path[0]?.hidden) return HIDDEN_STEP_LABEL;
  return path[0]?.title || 'an upstream endpoint';
}

/** "user_id of plays-raw → user_token of plays-hourly". */
export function pathInWords(path: PiiPathStep[]): string {
  return path.map(stepLabel).join(' → ');
}

/** The visible mark: "pseudonymize, derived" or "may contain PII". */
export function derivedMarkText(derived: DerivedPii): string {
  return derived.certainty === 'derived'
    ? `${derived.classification}, derived`
    : 'may contain PII';
}

/** The whole mark as a sentence, for its accessible name and tooltip. */
export function derivedMarkSentence(derived: DerivedPii): string {
  if (derived.certainty === 'derived') {
    return `PII ${derived.classification}, derived from ${sourceLabel(
      derived.path,
    )} (declared ${derived.classification} there), through ${pathInWords(
      derived.path,
    )}`;
  }
  return `May contain PII (${derived.classification}) from ${sourceEndpoint(
    derived.path,
  )}: only dataset-level lineage reaches it, through ${pathInWords(
    derived.path,
  )}; no column lineage says which column`;
}

/** What it receives: "pseudonymize, derived" / "pseudonymize, may contain". */
export function receivesText(finding: {
  classification: string;
  certainty: DerivedPii['certainty'];
}): string {
  return `${finding.classification}, ${
    finding.certainty === 'derived' ? 'derived' : 'may contain'
  }`;
}

/** The job that brought it into the finding's endpoint, when known. */
function lastJob(path: PiiPathStep[]): PiiPathStep['via'] {
  return path.at(-1)?.via;
}

/**
 * What the endpoint's owner can do about a finding: declare the mark, or
 * mask the column upstream so it stops carrying personal data.
 */
export function findingAdvice(finding: PiiFinding): string {
  const mark = `pii: ${finding.classification}`;
  const job = lastJob(finding.path);
  const upstream = job
    ? `mask it in the job that writes it (${jobName(job)})`
    : 'mask it upstream';
  if (!finding.column) {
    return `Find the columns that hold ${sourceEndpoint(
      finding.path,
    )}'s personal data and declare them with ${mark}, or record column lineage so the portal can tell which they are.`;
  }
  if (finding.kind === 'declaredNone') {
    return `Change ${finding.column} from pii: none to ${mark} in the schema, or ${upstream}.`;
  }
  return `Declare ${finding.column} with ${mark} in the schema, or ${upstream}.`;
}

/** A lineage node id as a short name: "pipeline:default/x" -> "x". */
export function jobName(id: string): string {
  return id
    .replace(/^[a-z]+:[^/]+\//i, '')
    .replace(/^openlineage:(dataset|job):/, '');
}
