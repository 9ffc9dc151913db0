import type { ErrorObject } from 'ajv/dist/2020';
import {
  errorPointer,
  EventProblem,
  isCombinatorError,
  schemaProblem,
} from './eventNotes';

/**
 * Where facets sit in an event: a pointer's facet container, and the facet's
 * name in it when the pointer reaches that far.
 */
const FACET_PLACE =
  /^(\/run\/facets|\/job\/facets|\/(?:inputs|outputs)\/\d+\/(?:facets|inputFacets|outputFacets)|\/dataset\/facets)(?=\/|$)(?:\/([^/]*))?/;

/**
 * What to do with an event that fails its schema: refuse it for a problem
 * of its core (run, job, datasets, time, type), or leave out the facets
 * that break their own schema and keep the rest.
 */
export type SchemaVerdict =
  | { core: EventProblem }
  | {
      /** Facet (or facet container) pointer -> what is wrong inside it. */
      facets: Map<string, EventProblem>;
    };

/** Sorts every error of a failing event (ajv with `allErrors`) into a SchemaVerdict. */
export function sortSchemaErrors(errors: ErrorObject[]): SchemaVerdict {
  const facets = new Map<string, EventProblem>();
  const core: ErrorObject[] = [];
  for (const error of errors) {
    // "must match a schema in anyOf": the errors inside say which.
    if (isCombinatorError(error)) continue;
    const match = FACET_PLACE.exec(errorPointer(error));
    if (!match) {
      core.push(error);
      continue;
    }
    const facet = match[2] === undefined ? match[1] : `${match[1]}/${match[2]}`;
    if (!facets.has(facet)) facets.set(facet, schemaProblem([error]));
  }
  if (core.length > 0) return { core: schemaProblem(core) };
  if (facets.size === 0) return { core: schemaProblem(errors) };
  return { facets };
}

function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Removes what `pointer` names from `root`'s object that holds it. */
export function removeAt(root: unknown, pointer: string): void {
  const path = segments(pointer);
  let at: any = root;
  for (const key of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return;
    at = at[key];
  }
  if (at !== null && typeof at === 'object' && !Array.isArray(at)) {
    delete at[path[path.length - 1]];
  }
}

/**
 * Whether objects and arrays nest in `value` deeper than `limit` (the value
 * itself being 1), found without recursion.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') {
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}
