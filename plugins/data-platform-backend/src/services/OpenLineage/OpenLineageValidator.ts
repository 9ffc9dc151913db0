import { InputError } from '@backstage/errors';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import { parseRfc3339 } from '../../time/rfc3339';
import { AcceptedEvent } from './AcceptedEvent';
import { openLineageEventKey } from './eventKey';
import { columnLineageProblems, eventNameProblem } from './eventNames';
import {
  dottedPath,
  eventNote,
  EventNote,
  EventProblem,
  formatNote,
  schemaProblem,
} from './eventNotes';
import { facetVerdict, nestsDeeperThan, removeAt } from './facetLeniency';
import { mapEventNames } from './mapEventNames';
import { NameMappings } from './NameMappings';
import {
  compileOpenLineageValidators,
  OpenLineageSchemas,
  OpenLineageValidators,
  readOpenLineageSpec,
} from './openLineageSchemas';
import type { ParsedEventBatch } from './parseEventBatch';
import { canonicalRunId, runIdProblem } from './runIds';
import type {
  OpenLineageEventKind,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';

/** Refused events an InputError names; validation stops past them. */
const MAX_PROBLEMS = 10;

/** Facets left out of one event that are named one by one; the rest are counted. */
const MAX_FACET_WARNINGS = 20;

/** How much of one event the ingestion takes (`dataPlatform.openLineage`). */
export type EventLimits = {
  /** Most datasets in an event's inputs, and in its outputs. */
  maxDatasetsPerEvent: number;
  /** How deeply an event's objects and arrays may nest. */
  maxNestingDepth: number;
};

export const DEFAULT_EVENT_LIMITS: EventLimits = {
  maxDatasetsPerEvent: 1000,
  maxNestingDepth: 64,
};

/** What the validator made of one event. */
export type EventVerdict =
  | { accepted: AcceptedEvent; warnings: EventNote[] }
  | { refused: EventNote };

/** What the validator made of a batch, in request order. */
export type BatchVerdicts = {
  accepted: AcceptedEvent[];
  /** Each accepted event's position in the request. */
  indexes: number[];
  /** The refused events: why, and their JSON text as sent. */
  refused: { note: EventNote; text?: string }[];
  warnings: EventNote[];
};

/** `schemaURL`'s fragment names the event's kind: `#/$defs/JobEvent` (or `#/definitions/...` before 2-0-0). */
const KIND_IN_SCHEMA_URL =
  /#\/(?:\$defs|definitions)\/(RunEvent|JobEvent|DatasetEvent)$/;

/**
 * Which of the spec's event schemas an event is: the one its `schemaURL`
 * names, else the one its fields make it (`run` or a run state: RunEvent,
 * then `dataset`: DatasetEvent, `job`: JobEvent). An event with both a job
 * and a dataset and no kind named is none of them, as the spec's `oneOf`
 * says.
 */
function kindOf(
  e: Record<string, unknown>,
): { kind: OpenLineageEventKind } | { problem: EventProblem } {
  const named =
    typeof e.schemaURL === 'string'
      ? (KIND_IN_SCHEMA_URL.exec(e.schemaURL)?.[1] as OpenLineageEventKind)
      : undefined;
  if (named === 'JobEvent' && 'run' in e) {
    return {
      problem: {
        pointer: '/run',
        message: 'has no place in a JobEvent, which its schemaURL names',
      },
    };
  }
  if (named === 'DatasetEvent' && ('job' in e || 'run' in e)) {
    return {
      problem: {
        pointer: 'job' in e ? '/job' : '/run',
        message: 'has no place in a DatasetEvent, which its schemaURL names',
      },
    };
  }
  if (named) return { kind: named };
  if ('run' in e || 'eventType' in e) return { kind: 'RunEvent' };
  if ('dataset' in e && 'job' in e) {
    return {
      problem: {
        pointer: '/dataset',
        message:
          'makes the event both a JobEvent and a DatasetEvent: a JobEvent has no dataset, a DatasetEvent no job',
      },
    };
  }
  if ('dataset' in e) return { kind: 'DatasetEvent' };
  if ('job' in e) return { kind: 'JobEvent' };
  return { kind: 'RunEvent' };
}

/**
 * An event being accepted: changed on a copy of its own when it is not the
 * validator's to change, its text (what the raw log keeps) taken before the
 * first change.
 */
class EventDraft {
  corrected = false;

  constructor(
    public value: Record<string, any>,
    public text: string | undefined,
    /** Whether the value was parsed for the validator (no one else holds it). */
    private readonly owned: boolean,
  ) {}

  /** The value, to change in place: copied first when it is not the validator's. */
  writable(): Record<string, any> {
    if (this.corrected) return this.value;
    this.text ??= JSON.stringify(this.value);
    if (!this.owned) this.value = structuredClone(this.value);
    this.corrected = true;
    return this.value;
  }

  remove(pointer: string) {
    this.writable();
    removeAt(this.value, pointer);
  }

  /** The event as `to`, a changed copy of it. */
  replace(to: Record<string, any>) {
    this.writable();
    this.value = to;
  }

  /** Sets `value[path[0]][path[1]]...` to `to`. */
  set(path: string[], to: unknown) {
    this.writable();
    let at = this.value;
    for (const key of path.slice(0, -1)) at = at[key];
    at[path[path.length - 1]] = to;
  }
}

/**
 * Validates OpenLineage events against the official 2-0-2 schema and every
 * standard facet schema, all registered locally (nothing is fetched): strict
 * about an event's core, lenient where the spec's users are.
 *
 * - Refused: what is not an object; a core field (run id, job, datasets,
 *   time, type) that breaks the schema; a name the lineage index cannot
 *   store (see `nameProblem`); the nil run id; more datasets than
 *   `maxDatasetsPerEvent`; nesting deeper than `maxNestingDepth`.
 * - Left out, with a warning: a facet that breaks its own schema, and a
 *   column-lineage facet whose names the index cannot store. The raw event
 *   log keeps the event as it was sent.
 * - Read differently, with a warning: an `eventTime` without a zone (UTC).
 * - Made canonical: run ids (`runIds.ts`). A missing `schemaURL` is
 *   accepted; the kind follows the `schemaURL` when it names one.
 * - Renamed: jobs and datasets, by the configured mapping rules
 *   (NameMappings); ignored datasets are left out. The event's key is
 *   taken before, from the names as sent.
 *
 * Each event is matched to RunEvent, JobEvent or DatasetEvent first, then
 * validated against that definition alone, so that a refusal names the
 * field instead of "must match exactly one schema".
 */
export class OpenLineageValidator {
  /** Each stops at the first error: the common case is a valid event. */
  private readonly validators: OpenLineageValidators;

  static fromPackage(
    limits?: Partial<EventLimits>,
    mappings?: NameMappings,
  ): OpenLineageValidator {
    return new OpenLineageValidator(readOpenLineageSpec(), limits, mappings);
  }

  /** How much of one event it takes. */
  readonly limits: EventLimits;

  constructor(
    schemas: OpenLineageSchemas,
    limits: Partial<EventLimits> = {},
    /** What the platform calls emitters' jobs and datasets. */
    private readonly mappings = new NameMappings(),
  ) {
    this.validators = compileOpenLineageValidators(schemas);
    this.limits = { ...DEFAULT_EVENT_LIMITS, ...limits };
  }

  /**
   * The events, validated, or an InputError naming the refused events (its
   * index, eventType, runId and job) and the offending field. Validation
   * stops once more events were refused than the error reports. The values
   * are not changed: an event that needs changing is copied.
   */
  validate(values: unknown[], texts?: string[]): ValidatedEvent[] {
    return this.validateAll(values, texts).accepted as ValidatedEvent[];
  }

  /** `validate`, with the warnings on the accepted events. */
  validateAll(
    values: unknown[],
    texts?: string[],
  ): { accepted: AcceptedEvent[]; warnings: EventNote[] } {
    const accepted: AcceptedEvent[] = [];
    const warnings: EventNote[] = [];
    const refused: EventNote[] = [];
    for (let i = 0; i < values.length && refused.length <= MAX_PROBLEMS; i++) {
      const verdict = this.check(values[i], i, texts?.[i], false);
      if ('refused' in verdict) {
        refused.push(verdict.refused);
      } else {
        accepted.push(verdict.accepted);
        warnings.push(...verdict.warnings);
      }
    }
    if (refused.length > 0) {
      throw refusal(refused, values.length, 'nothing was stored');
    }
    return { accepted, warnings };
  }

  /**
   * The verdict on every event of a parsed request body, in slices of
   * `budget`: ten thousand events take long enough that other requests
   * must get their turns in between. The batch's values are the
   * validator's to change.
   */
  async validateBatch(
    batch: ParsedEventBatch,
    budget: EventLoopBudget,
  ): Promise<BatchVerdicts> {
    const verdicts: BatchVerdicts = {
      accepted: [],
      indexes: [],
      refused: [],
      warnings: [],
    };
    const { values, texts, unreadable } = batch;
    for (let index = 0; index < values.length; index++) {
      if (budget.spent()) await budget.yield();
      const text = texts?.[index];
      const unread = unreadable?.get(index);
      if (unread !== undefined) {
        verdicts.refused.push({
          note: eventNote(index, undefined, undefined, {
            pointer: '',
            message: unread,
          }),
          text,
        });
        continue;
      }
      const verdict = this.check(values[index], index, text, true);
      if ('refused' in verdict) {
        verdicts.refused.push({ note: verdict.refused, text });
      } else {
        verdicts.accepted.push(verdict.accepted);
        verdicts.indexes.push(index);
        verdicts.warnings.push(...verdict.warnings);
      }
    }
    return verdicts;
  }

  /**
   * The verdict on one event. `owned`: whether the value is the validator's
   * to change (parsed for it, its nesting depth checked already).
   */
  check(
    value: unknown,
    index: number,
    text: string | undefined,
    owned: boolean,
  ): EventVerdict {
    const refuse = (
      kind: OpenLineageEventKind | undefined,
      problem: EventProblem,
    ): EventVerdict => ({ refused: eventNote(index, value, kind, problem) });
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return refuse(undefined, {
        pointer: '',
        message: 'must be a JSON object',
      });
    }
    const kinded = kindOf(value as Record<string, unknown>);
    if ('problem' in kinded) return refuse(undefined, kinded.problem);
    const { kind } = kinded;
    const { maxNestingDepth, maxDatasetsPerEvent } = this.limits;
    if (!owned && nestsDeeperThan(value, maxNestingDepth)) {
      return refuse(kind, {
        pointer: '',
        message: `nests objects and arrays deeper than ${maxNestingDepth} levels (dataPlatform.openLineage.maxNestingDepth)`,
      });
    }
    // Counted before the schema is checked: each dataset costs it work.
    for (const list of ['inputs', 'outputs']) {
      const datasets = (value as Record<string, unknown>)[list];
      const count = Array.isArray(datasets) ? datasets.length : 0;
      if (count > maxDatasetsPerEvent) {
        return refuse(kind, {
          pointer: `/${list}`,
          message: `lists ${count} datasets; an event may list at most ${maxDatasetsPerEvent} (dataPlatform.openLineage.maxDatasetsPerEvent)`,
        });
      }
    }
    const draft = new EventDraft(value as Record<string, any>, text, owned);
    const warnings: EventNote[] = [];
    const warn = (problem: EventProblem) =>
      warnings.push(eventNote(index, value, kind, problem));
    /** Takes a facet out of the event, saying why. */
    const leaveOut = (facet: string, why: EventProblem) => {
      draft.remove(facet);
      warn({
        pointer: facet,
        message: `was left out, as ${dottedPath(why.pointer)} ${why.message}`,
      });
    };

    // Facets that break their own schema are left out; a core field that
    // breaks it refuses the event.
    const validateEvent = this.validators.events[kind];
    if (!validateEvent(draft.value)) {
      const verdict = facetVerdict(kind, draft.writable(), this.validators);
      if ('core' in verdict) return refuse(kind, verdict.core);
      for (const [i, broken] of verdict.broken.entries()) {
        delete broken.holder[broken.key];
        if (i < MAX_FACET_WARNINGS) {
          const why = broken.problem();
          warn({
            pointer: broken.pointer(),
            message: `was left out, as ${dottedPath(why.pointer)} ${
              why.message
            }`,
          });
        }
      }
      if (verdict.broken.length > MAX_FACET_WARNINGS) {
        warn({
          pointer: '',
          message: `had ${
            verdict.broken.length - MAX_FACET_WARNINGS
          } more facets that break their schema, left out too`,
        });
      }
      if (!validateEvent(draft.value)) {
        return refuse(kind, schemaProblem(validateEvent.errors!));
      }
    }

    const event = draft.value;
    const time = parseRfc3339(event.eventTime, { zone: 'optional' });
    if ('problem' in time) {
      return refuse(kind, { pointer: '/eventTime', message: time.problem });
    }
    if (!time.zoned) {
      warn({ pointer: '/eventTime', message: 'has no time zone: read as UTC' });
    }
    const nameError = eventNameProblem(kind, event);
    if (nameError) return refuse(kind, nameError);
    if (kind === 'RunEvent') {
      const runId = canonicalRunId(event.run.runId);
      const problem = runIdProblem(runId);
      if (problem)
        return refuse(kind, { pointer: '/run/runId', message: problem });
      if (runId !== event.run.runId) draft.set(['run', 'runId'], runId);
      const parentRunId = event.run.facets?.parent?.run?.runId;
      if (
        typeof parentRunId === 'string' &&
        canonicalRunId(parentRunId) !== parentRunId
      ) {
        draft.set(
          ['run', 'facets', 'parent', 'run', 'runId'],
          canonicalRunId(parentRunId),
        );
      }
    }
    // The identity as sent (run id made canonical): mapping rules may
    // change, a re-send is still the same event.
    const key = openLineageEventKey(kind, draft.value);
    const mapped = mapEventNames(kind, draft.value, this.mappings);
    if (mapped) {
      const mappedName = eventNameProblem(kind, mapped);
      if (mappedName) {
        return refuse(kind, {
          pointer: mappedName.pointer,
          message: `${mappedName.message}, as dataPlatform.openLineage.mappings name it`,
        });
      }
      draft.replace(mapped);
    }
    for (const { facet, problem } of columnLineageProblems(kind, draft.value)) {
      leaveOut(facet, problem);
    }

    const accepted = draft.value;
    return {
      accepted: new AcceptedEvent(
        kind,
        key,
        time.ms,
        accepted,
        draft.text,
        draft.corrected,
      ),
      warnings,
    };
  }
}

/**
 * A 400 naming the refused events and fields (the first ten of them);
 * `outcome` says what became of the batch.
 */
export function refusal(
  refused: EventNote[],
  size: number,
  outcome: string,
  options: { checkedAll: boolean } = { checkedAll: false },
): InputError {
  const lines = refused.slice(0, MAX_PROBLEMS).map(formatNote);
  if (refused.length > MAX_PROBLEMS) {
    if (options.checkedAll) {
      lines.push(`and ${refused.length - MAX_PROBLEMS} more`);
    } else {
      // Validation stopped here: the rest was not looked at.
      const next = refused[MAX_PROBLEMS].index;
      lines.push(
        `and more among events ${next} to ${size - 1} (not all were checked)`,
      );
    }
  }
  const plural = refused.length > 1 ? 's' : '';
  return new InputError(
    `Invalid OpenLineage event${plural}, ${outcome}: ${lines.join('; ')}`,
  );
}
