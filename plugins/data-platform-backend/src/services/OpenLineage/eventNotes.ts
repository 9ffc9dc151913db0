import type { ErrorObject } from 'ajv/dist/2020';
import type { OpenLineageEventKind } from '@dataplatform/backstage-plugin-data-platform-node';

/**
 * Something the ingestion says about one event of a request: why it was
 * refused, or what it left out of it or read differently.
 */
export type EventNote = {
  /** Position of the event in the request (0-based; NDJSON: line order). */
  index: number;
  /** The event as far as it can be named: kind, eventType, runId, job. */
  event: string;
  /** JSON pointer of the field, e.g. `/run/runId`; empty for the whole event. */
  pointer: string;
  /** The same as a dotted path, e.g. `run.runId`. */
  path: string;
  message: string;
};

/** What is wrong, and where. */
export type EventProblem = { pointer: string; message: string };

/** `/run/facets/nominalTime` -> `run.facets.nominalTime`, `/inputs/0` -> `inputs[0]` */
export function dottedPath(pointer: string): string {
  let dotted = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    dotted = /^\d+$/.test(segment)
      ? `${dotted}[${segment}]`
      : `${dotted}${dotted ? '.' : ''}${segment}`;
  }
  return dotted;
}

/** The event named by its kind, eventType, runId, job or dataset, as far as it has them. */
export function describeEvent(
  value: unknown,
  kind?: OpenLineageEventKind,
): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
  const e = value as Record<string, any>;
  const str = (v: unknown) =>
    typeof v === 'string' ? v.slice(0, 200) : undefined;
  const parts = [
    kind,
    str(e.eventType) && `eventType ${str(e.eventType)}`,
    str(e.run?.runId) && `runId ${str(e.run.runId)}`,
    str(e.job?.namespace) &&
      str(e.job?.name) &&
      `job ${str(e.job.namespace)}/${str(e.job.name)}`,
    str(e.dataset?.namespace) &&
      str(e.dataset?.name) &&
      `dataset ${str(e.dataset.namespace)}/${str(e.dataset.name)}`,
  ].filter(Boolean);
  return parts.join(', ');
}

const COMBINATORS = new Set(['anyOf', 'oneOf', 'allOf', 'not', 'if']);

/** Where an ajv error is: for a missing property, the property itself. */
export function errorPointer(error: ErrorObject): string {
  return error.keyword === 'required'
    ? `${error.instancePath}/${error.params.missingProperty}`
    : error.instancePath;
}

/** Whether an ajv error only says that a combination of schemas failed. */
export function isCombinatorError(error: ErrorObject): boolean {
  return COMBINATORS.has(error.keyword);
}

/** The most specific of ajv's errors, as a pointer and a message. */
export function schemaProblem(errors: ErrorObject[]): EventProblem {
  const error =
    errors.find(e => !isCombinatorError(e)) ?? errors[errors.length - 1];
  switch (error.keyword) {
    case 'required':
      return { pointer: errorPointer(error), message: 'is required' };
    case 'enum':
      return {
        pointer: error.instancePath,
        message: `must be one of ${error.params.allowedValues.join(', ')}`,
      };
    default:
      return {
        pointer: error.instancePath,
        message: error.message ?? `fails ${error.keyword}`,
      };
  }
}

/** A note on the event at `index`. */
export function eventNote(
  index: number,
  value: unknown,
  kind: OpenLineageEventKind | undefined,
  problem: EventProblem,
): EventNote {
  return {
    index,
    event: describeEvent(value, kind),
    pointer: problem.pointer,
    path: dottedPath(problem.pointer),
    message: problem.message,
  };
}

/** `event 2 (RunEvent, ...): run.runId (/run/runId) must match format "uuid"` */
export function formatNote(note: EventNote): string {
  const what = note.event ? ` (${note.event})` : '';
  const where = note.path ? `${note.path} (${note.pointer})` : 'the event';
  return `event ${note.index}${what}: ${where} ${note.message}`;
}
