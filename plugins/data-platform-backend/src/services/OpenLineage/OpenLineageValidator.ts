import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { groupBy } from '../../collections/groupBy';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import { AcceptedEvent } from './AcceptedEvent';
import { parseRfc3339 } from '../../time/rfc3339';
import { openLineageEventKey } from './eventKey';
import { eventNameProblem } from './eventNames';
import type { ParsedEventBatch } from './parseEventBatch';
import type {
  OpenLineageEventKind,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';

const SPEC_ID = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';
const FACET_BASES = [
  'RunFacet',
  'JobFacet',
  'DatasetFacet',
  'InputDatasetFacet',
  'OutputDatasetFacet',
] as const;
type FacetBase = (typeof FACET_BASES)[number];
const MAX_PROBLEMS = 10;

type JsonSchema = Record<string, any>;

/** One reason an event was refused. */
type OpenLineageProblem = {
  /** Position of the event in the request (0-based; NDJSON: line order). */
  index: number;
  /** The event as far as it can be named: kind, eventType, runId, job. */
  event: string;
  /** JSON pointer of the offending field, e.g. `/run/runId`. */
  pointer: string;
  /** The same as a dotted path, e.g. `run.runId`. */
  path: string;
  message: string;
};

/** The spec's schema files, as loaded from the package's openlineage-spec folder. */
function readOpenLineageSpec(
  directory = resolvePackagePath(
    '@dataplatform/backstage-plugin-data-platform-backend',
    'openlineage-spec',
  ),
): { spec: JsonSchema; facets: JsonSchema[] } {
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
  const facetDir = path.join(directory, 'facets');
  return {
    spec: read(path.join(directory, 'OpenLineage.json')),
    facets: fs
      .readdirSync(facetDir)
      .filter(f => f.endsWith('.json'))
      .sort()
      .map(f => read(path.join(facetDir, f))),
  };
}

/**
 * The spec with `eventTime` left to the validator's own reading of it
 * (`parseRfc3339`), which can say what is wrong with a date-time.
 */
function withOwnEventTime(spec: JsonSchema): JsonSchema {
  const copy = structuredClone(spec);
  copy.$defs.BaseEvent.properties.eventTime = { type: 'string' };
  return copy;
}

/**
 * Where a facet file's facet may appear (run, job, dataset, input or output
 * facets), from the base facet of the spec its definition extends.
 */
function placementsOf(facetFile: JsonSchema): Set<FacetBase> {
  const bases = new Set<FacetBase>();
  const baseOf = (ref: unknown) =>
    FACET_BASES.find(b => ref === `${SPEC_ID}#/$defs/${b}`);
  for (const root of Object.values<JsonSchema>(facetFile.properties ?? {})) {
    const refs = [root.$ref, ...(root.anyOf ?? []).map((s: any) => s.$ref)];
    for (const ref of refs) {
      const def = facetFile.$defs?.[String(ref).replace('#/$defs/', '')];
      for (const part of def?.allOf ?? []) {
        const base = baseOf(part.$ref);
        if (base) bases.add(base);
      }
    }
  }
  if (bases.size === 0) {
    // e.g. BaseSubsetDatasetFacet: an abstract definition whose input and
    // output variants extend the bases.
    for (const def of Object.values<JsonSchema>(facetFile.$defs ?? {})) {
      const base = baseOf(def.allOf?.[0]?.$ref);
      if (base) bases.add(base);
    }
  }
  return bases;
}

/** `/run/facets/nominalTime` -> `run.facets.nominalTime`, `/inputs/0` -> `inputs[0]` */
function dottedPath(pointer: string): string {
  let dotted = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    dotted = /^\d+$/.test(segment)
      ? `${dotted}[${segment}]`
      : `${dotted}${dotted ? '.' : ''}${segment}`;
  }
  return dotted;
}

function describeEvent(value: unknown, kind?: OpenLineageEventKind): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
  const e = value as Record<string, any>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const parts = [
    kind,
    str(e.eventType) && `eventType ${e.eventType}`,
    str(e.run?.runId) && `runId ${e.run.runId}`,
    str(e.job?.namespace) &&
      str(e.job?.name) &&
      `job ${e.job.namespace}/${e.job.name}`,
    str(e.dataset?.namespace) &&
      str(e.dataset?.name) &&
      `dataset ${e.dataset.namespace}/${e.dataset.name}`,
  ].filter(Boolean);
  return parts.join(', ');
}

/** The most specific of ajv's errors, as a pointer and a message. */
function toProblem(errors: ErrorObject[]): {
  pointer: string;
  message: string;
} {
  const combinators = new Set(['anyOf', 'oneOf', 'allOf', 'not', 'if']);
  const error =
    errors.find(e => !combinators.has(e.keyword)) ?? errors[errors.length - 1];
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${error.instancePath}/${error.params.missingProperty}`,
        message: 'is required',
      };
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

/** A 400 naming the refused events and fields (the first ten of them). */
function validationError(
  problems: OpenLineageProblem[],
  size: number,
): InputError {
  const lines = problems.slice(0, MAX_PROBLEMS).map(p => {
    const what = p.event ? ` (${p.event})` : '';
    const where = p.path ? `${p.path} (${p.pointer})` : 'the event';
    return `event ${p.index}${what}: ${where} ${p.message}`;
  });
  if (problems.length > MAX_PROBLEMS) {
    // Validation stopped here: the rest of the batch was not looked at.
    const last = problems[MAX_PROBLEMS].index;
    lines.push(
      `and more among events ${last} to ${size - 1} (not all were checked)`,
    );
  }
  const plural = problems.length > 1 ? 's' : '';
  return new InputError(
    `Invalid OpenLineage event${plural}, nothing was stored: ${lines.join(
      '; ',
    )}`,
  );
}

/**
 * The verdicts on a batch's events as they come: the accepted events, and
 * the problems of the refused ones up to the number an error reports.
 */
class ValidationRun {
  private readonly accepted: ValidatedEvent[] = [];
  private readonly problems: OpenLineageProblem[] = [];

  constructor(private readonly size: number) {}

  add(
    verdict: { event: ValidatedEvent } | { problem: OpenLineageProblem },
    text: string | undefined,
  ) {
    if ('problem' in verdict) {
      this.problems.push(verdict.problem);
      return;
    }
    if (text !== undefined) verdict.event.text = text;
    this.accepted.push(verdict.event);
  }

  /** Whether more events were refused than an error reports: no need to go on. */
  full(): boolean {
    return this.problems.length > MAX_PROBLEMS;
  }

  /** The accepted events, or the error that refuses the batch. */
  events(): ValidatedEvent[] {
    if (this.problems.length > 0) {
      throw validationError(this.problems, this.size);
    }
    return this.accepted;
  }
}

/**
 * Validates OpenLineage events against the official 2-0-2 schema and every
 * standard facet schema, all registered locally (nothing is fetched). Each
 * event is matched to RunEvent, JobEvent or DatasetEvent the way the spec's
 * top-level `oneOf` does, then validated against that definition alone, so
 * that a refusal names the field instead of "must match exactly one schema".
 * Facets the spec defines are checked against their own schema where the
 * spec places them (run, job, dataset, input or output facets); other facets
 * only need the base facet fields (`_producer`, `_schemaURL`).
 */
export class OpenLineageValidator {
  private readonly validators: Record<OpenLineageEventKind, ValidateFunction>;

  static fromPackage(): OpenLineageValidator {
    return new OpenLineageValidator(readOpenLineageSpec());
  }

  constructor(schemas: { spec: JsonSchema; facets: JsonSchema[] }) {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    // "fast" formats: the full RFC 3986 `uri` pattern, checked on every
    // facet's `_producer` and `_schemaURL`, was a sixth of ingestion's CPU.
    // Fast mode still refuses what is not a URI, date-time or UUID.
    addFormats(ajv, { mode: 'fast' });
    // Date-times in facets are read later (a nominal time is a partition):
    // one that passes a format check must be a real instant.
    ajv.addFormat('date-time', {
      type: 'string',
      validate: (value: string) => 'ms' in parseRfc3339(value),
    });
    ajv.addSchema(withOwnEventTime(schemas.spec));
    // Per place, facet name -> the facet definitions it must match. Taken
    // from each file's root `properties`, not the root itself: some roots
    // also require their facet (BaseSubsetDatasetFacet requires `subset`).
    for (const facetFile of schemas.facets) ajv.addSchema(facetFile);
    const placements = schemas.facets.flatMap(facetFile =>
      [...placementsOf(facetFile)].flatMap(base =>
        Object.keys(facetFile.properties ?? {}).map(name => ({
          base,
          name,
          ref: `${facetFile.$id}#/properties/${name}`,
        })),
      ),
    );
    const facets = (base: FacetBase) => ({
      properties: Object.fromEntries(
        [
          ...groupBy(
            placements.filter(p => p.base === base),
            p => p.name,
            p => p.ref,
          ),
        ].map(([name, refs]) => [
          name,
          { allOf: refs.map(ref => ({ $ref: ref })) },
        ]),
      ),
    });
    const datasets = (extra: 'inputFacets' | 'outputFacets') => ({
      items: {
        properties: {
          facets: facets('DatasetFacet'),
          [extra]: facets(
            extra === 'inputFacets'
              ? 'InputDatasetFacet'
              : 'OutputDatasetFacet',
          ),
        },
      },
    });
    const withFacets = (kind: OpenLineageEventKind, properties: JsonSchema) =>
      ajv.compile({
        $id: `urn:data-platform:openlineage:${kind}`,
        allOf: [{ $ref: `${SPEC_ID}#/$defs/${kind}` }, { properties }],
      });
    const jobAndDatasets = {
      job: { properties: { facets: facets('JobFacet') } },
      inputs: datasets('inputFacets'),
      outputs: datasets('outputFacets'),
    };
    this.validators = {
      RunEvent: withFacets('RunEvent', {
        ...jobAndDatasets,
        run: { properties: { facets: facets('RunFacet') } },
      }),
      JobEvent: withFacets('JobEvent', jobAndDatasets),
      DatasetEvent: withFacets('DatasetEvent', {
        dataset: { properties: { facets: facets('DatasetFacet') } },
      }),
    };
  }

  /**
   * The events, validated, or an InputError naming the refused events (its
   * index, eventType, runId and job) and the offending field. Validation
   * stops once more events were refused than the error reports.
   */
  validate(values: unknown[], texts?: string[]): ValidatedEvent[] {
    const verdicts = new ValidationRun(values.length);
    for (let index = 0; index < values.length && !verdicts.full(); index++) {
      verdicts.add(this.check(values[index], index), texts?.[index]);
    }
    return verdicts.events();
  }

  /**
   * `validate` for a parsed request body, in slices of `budget`: ten
   * thousand events take long enough that other requests must get their
   * turns in between.
   */
  async validateBatch(
    batch: ParsedEventBatch,
    budget: EventLoopBudget,
  ): Promise<ValidatedEvent[]> {
    const { values, texts } = batch;
    const verdicts = new ValidationRun(values.length);
    for (let index = 0; index < values.length && !verdicts.full(); index++) {
      if (budget.spent()) await budget.yield();
      verdicts.add(this.check(values[index], index), texts?.[index]);
    }
    return verdicts.events();
  }

  private check(
    value: unknown,
    index: number,
  ): { event: ValidatedEvent } | { problem: OpenLineageProblem } {
    const problem = (
      kind: OpenLineageEventKind | undefined,
      p: { pointer: string; message: string },
    ) => ({
      problem: {
        index,
        event: describeEvent(value, kind),
        pointer: p.pointer,
        path: dottedPath(p.pointer),
        message: p.message,
      },
    });
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return problem(undefined, {
        pointer: '',
        message: 'must be a JSON object',
      });
    }
    const kind = classify(value as Record<string, unknown>);
    if (!kind) {
      return problem(undefined, {
        pointer: '/dataset',
        message:
          'makes the event both a JobEvent and a DatasetEvent: a JobEvent has no dataset, a DatasetEvent no job',
      });
    }
    const validate = this.validators[kind];
    if (!validate(value)) return problem(kind, toProblem(validate.errors!));
    const time = parseRfc3339((value as { eventTime: string }).eventTime);
    if ('problem' in time) {
      return problem(kind, { pointer: '/eventTime', message: time.problem });
    }
    const nameError = eventNameProblem(kind, value as Record<string, any>);
    if (nameError) return problem(kind, nameError);
    const eventTime = time.ms;
    return {
      event: new AcceptedEvent(
        kind,
        openLineageEventKey(kind, value),
        eventTime,
        value,
      ) as unknown as ValidatedEvent,
    };
  }
}

/**
 * Which of the spec's event schemas an event is meant to be, by the fields
 * its `oneOf` branches require: `run` (or a run state) makes a RunEvent, then
 * `dataset` a DatasetEvent, `job` a JobEvent. Undefined when both of the
 * latter would match, which the spec's `oneOf` refuses.
 */
function classify(
  e: Record<string, unknown>,
): OpenLineageEventKind | undefined {
  if ('run' in e || 'eventType' in e) return 'RunEvent';
  if ('dataset' in e && 'job' in e) return undefined;
  if ('dataset' in e) return 'DatasetEvent';
  if ('job' in e) return 'JobEvent';
  return 'RunEvent';
}
