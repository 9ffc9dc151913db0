import type { OpenLineageEventKind } from '@dataplatform/backstage-plugin-data-platform-node';
import { pointerSegment } from './eventNames';
import { EventProblem, schemaProblem } from './eventNotes';
import type { ValidateFunction } from 'ajv/dist/2020';
import type { FacetPlace, OpenLineageValidators } from './openLineageSchemas';

/** A facet (or a container of facets) that breaks its schema, and what holds it. */
export type BrokenFacet = {
  holder: Holder;
  key: string;
  /** Where it is: a JSON pointer. */
  pointer: () => string;
  problem: () => EventProblem;
};

/**
 * What to do with an event that fails its schema: refuse it for a problem
 * of its core (run, job, datasets, time, type), or leave out the facets
 * that break their own schema and keep the rest.
 */
export type SchemaVerdict = { core: EventProblem } | { broken: BrokenFacet[] };

type Holder = Record<string, unknown>;

/**
 * Facets of one event that may break their schema and be left out; past
 * them the event is refused, unlike any real emitter's, and the rest of it
 * is not looked at.
 */
export const MAX_BROKEN_FACETS = 1000;

/** A container of facets in an event: where it is, and what holds it. */
type FacetContainer = {
  pointer: string;
  place: FacetPlace;
  holder: Holder;
  key: string;
};

const isObject = (value: unknown): value is Holder =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The facet containers an event of `kind` has, in event order. */
function facetContainers(
  kind: OpenLineageEventKind,
  event: Holder,
): FacetContainer[] {
  const containers: FacetContainer[] = [];
  const add = (holder: unknown, at: string, key: string, place: FacetPlace) => {
    if (isObject(holder) && key in holder) {
      containers.push({ pointer: `${at}/${key}`, place, holder, key });
    }
  };
  const datasets = (list: string, extra: 'inputFacets' | 'outputFacets') => {
    const items = event[list];
    if (!Array.isArray(items)) return;
    for (const [i, dataset] of items.entries()) {
      add(dataset, `/${list}/${i}`, 'facets', 'dataset');
      add(
        dataset,
        `/${list}/${i}`,
        extra,
        extra === 'inputFacets' ? 'input' : 'output',
      );
    }
  };
  if (kind === 'DatasetEvent') {
    add(event.dataset, '/dataset', 'facets', 'dataset');
    return containers;
  }
  if (kind === 'RunEvent') add(event.run, '/run', 'facets', 'run');
  add(event.job, '/job', 'facets', 'job');
  datasets('inputs', 'inputFacets');
  datasets('outputs', 'outputFacets');
  return containers;
}

/** The event without its facets: copies of what held them, the rest shared. */
function withoutFacets(event: Holder, containers: FacetContainer[]): Holder {
  const copies = new Map<Holder, Holder>();
  for (const { holder, key } of containers) {
    let copy = copies.get(holder);
    if (!copy) {
      copy = { ...holder };
      copies.set(holder, copy);
    }
    delete copy[key];
  }
  const swap = (value: unknown) =>
    isObject(value) ? copies.get(value) ?? value : value;
  const core = { ...event };
  for (const field of ['run', 'job', 'dataset']) {
    if (field in core) core[field] = swap(core[field]);
  }
  for (const list of ['inputs', 'outputs']) {
    if (Array.isArray(core[list]))
      core[list] = (core[list] as unknown[]).map(swap);
  }
  return core;
}

/**
 * A failed validator's first problem, read when asked for, its pointer made
 * the event's by `prefix`.
 */
function problemAt(
  validate: ValidateFunction,
  prefix: () => string,
): () => EventProblem {
  // ajv answers each failing call with an array of its own.
  const errors = validate.errors!;
  return () => {
    const problem = schemaProblem(errors);
    return {
      pointer: `${prefix()}${problem.pointer}`,
      message: problem.message,
    };
  };
}

/**
 * What an event that fails its kind's schema breaks: its core, checked
 * without its facets, or else each facet checked alone where it sits (a
 * container that is no object as a whole). Every check stops at its first
 * error, so the work is one pass over the event however much is broken
 * (ajv's `allErrors` is quadratic in the errors, see
 * `compileOpenLineageValidators`).
 */
export function facetVerdict(
  kind: OpenLineageEventKind,
  event: Holder,
  validators: OpenLineageValidators,
): SchemaVerdict {
  const containers = facetContainers(kind, event);
  const validateEvent = validators.events[kind];
  if (!validateEvent(withoutFacets(event, containers))) {
    return { core: schemaProblem(validateEvent.errors!) };
  }
  const broken: BrokenFacet[] = [];
  for (const { pointer, place, holder, key } of containers) {
    const {
      container: validateContainer,
      standard,
      custom,
    } = validators.facets[place];
    const facets = holder[key];
    if (!isObject(facets)) {
      if (!validateContainer(facets)) {
        const at = () => pointer;
        broken.push({
          holder,
          key,
          pointer: at,
          problem: problemAt(validateContainer, at),
        });
      }
      continue;
    }
    // Not Object.entries: an object of many keys is a dictionary, whose
    // entries cost an array each.
    for (const name of Object.keys(facets)) {
      const facet = facets[name];
      // A standard facet within its container, as the event's validator
      // checks it; any other alone, so that distinct names do not each
      // make an object shape of their own.
      const validate = standard.has(name) ? validateContainer : custom;
      if (validate(standard.has(name) ? { [name]: facet } : facet)) continue;
      if (broken.length === MAX_BROKEN_FACETS) {
        return {
          core: {
            pointer: '',
            message: `has more than ${MAX_BROKEN_FACETS} facets that break their schema`,
          },
        };
      }
      const at = () => `${pointer}/${pointerSegment(name)}`;
      const problem = problemAt(
        validate,
        standard.has(name) ? () => pointer : at,
      );
      broken.push({ holder: facets, key: name, pointer: at, problem });
    }
  }
  if (broken.length === 0) {
    validateEvent(event);
    return { core: schemaProblem(validateEvent.errors!) };
  }
  return { broken };
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
