import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  DATA_ENDPOINT_KIND,
  DATA_PLATFORM_API_VERSION,
  DATA_PLATFORM_KINDS,
  EVENT_TYPE_KIND,
  PIPELINE_KIND,
} from '../kinds/constants';
import type {
  DataEndpointEntity,
  EventTypeEntity,
  PipelineEntity,
} from '../kinds/entities';
import { checkCompatibility } from '../compatibility/checkCompatibility';
import { qualityProblems } from '../quality/qualityProblems';
import { validateWithJsonSchema } from './jsonSchemaValidator';
import { joinPath, ValidationProblem } from './problems';
import { validateSchemaFields } from './validateFields';

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function checkRef(
  ref: string | undefined,
  path: string,
  defaultKind: string,
  allowedKinds: string[],
): ValidationProblem[] {
  if (ref === undefined) return [];
  try {
    const { kind } = parseEntityRef(ref, { defaultKind });
    if (!allowedKinds.some(k => k.toLowerCase() === kind.toLowerCase())) {
      return [
        {
          path,
          message: `must refer to ${withArticle(
            allowedKinds.join(' or '),
          )}, not ${withArticle(kind)} ("${ref}")`,
        },
      ];
    }
    return [];
  } catch (e) {
    return [{ path, message: `is not a valid entity reference ("${ref}")` }];
  }
}

function checkRefs(
  refs: string[] | undefined,
  path: string,
  defaultKind: string,
  allowedKinds: string[],
): ValidationProblem[] {
  return (refs ?? []).flatMap((ref, i) =>
    checkRef(ref, joinPath(path, i), defaultKind, allowedKinds),
  );
}

function checkCommonRefs(spec: {
  owner: string;
  system?: string;
}): ValidationProblem[] {
  return [
    ...checkRef(spec.owner, 'spec.owner', 'group', ['Group', 'User']),
    ...checkRef(spec.system, 'spec.system', 'system', ['System']),
  ];
}

function validateEventType(entity: EventTypeEntity): ValidationProblem[] {
  const { spec } = entity;
  const problems = [
    ...checkCommonRefs(spec),
    ...validateSchemaFields(spec.schema.fields, 'spec.schema.fields'),
    ...checkRefs(spec.producers, 'spec.producers', 'component', ['Component']),
  ];
  let previous = 0;
  (spec.schema.history ?? []).forEach((revision, i) => {
    const at = joinPath('spec.schema.history', i);
    if (revision.revision <= previous) {
      problems.push({
        path: joinPath(at, 'revision'),
        message: 'history must list revisions in increasing order',
      });
    }
    if (revision.revision >= spec.schema.revision) {
      problems.push({
        path: joinPath(at, 'revision'),
        message: `must be lower than the current revision ${spec.schema.revision}`,
      });
    }
    previous = revision.revision;
    problems.push(
      ...validateSchemaFields(revision.fields, joinPath(at, 'fields')),
    );
  });
  // The catalog holds the same line as the scaffolder actions: a schema that
  // breaks its compatibility mode against its own history is refused, each
  // offending change named. Only once the history itself is in order.
  if (problems.length === 0 && spec.schema.history?.length) {
    const report = checkCompatibility({
      mode: spec.schema.compatibility,
      previous: spec.schema.history,
      fields: spec.schema.fields,
    });
    for (const issue of report.issues) {
      problems.push({
        path: 'spec.schema.fields',
        message: `${issue.message} (spec.schema.compatibility is ${report.mode})`,
      });
    }
  }
  return problems;
}

const LOCATION_KEYS: Record<string, string[]> = {
  'bigquery-table': ['project', 'dataset', 'table'],
  'pubsub-topic': ['project', 'topic'],
  'gcs-path': ['bucket'],
};

/** Location keys a type may have beyond its required ones (a path only names objects in a bucket). */
const OPTIONAL_LOCATION_KEYS: Record<string, string[]> = {
  'gcs-path': ['path'],
};

function validateDataEndpoint(entity: DataEndpointEntity): ValidationProblem[] {
  const { spec } = entity;
  const problems = [...checkCommonRefs(spec)];
  const location = spec.location as Record<string, string | undefined>;
  for (const key of LOCATION_KEYS[spec.type]) {
    if (!location[key]) {
      problems.push({
        path: `spec.location.${key}`,
        message: `is required for a ${spec.type}`,
      });
    }
  }
  const allowed = new Set([
    ...LOCATION_KEYS[spec.type],
    ...(OPTIONAL_LOCATION_KEYS[spec.type] ?? []),
  ]);
  for (const key of Object.keys(location)) {
    if (!allowed.has(key)) {
      problems.push({
        path: `spec.location.${key}`,
        message: `does not apply to a ${spec.type}`,
      });
    }
  }
  if (spec.schema?.fields) {
    problems.push(
      ...validateSchemaFields(spec.schema.fields, 'spec.schema.fields'),
    );
    const columns = new Set(
      spec.schema.fields.map(f => f.name.toLocaleLowerCase('en-US')),
    );
    const partitioning = spec.partitioning;
    const named = [
      ...(partitioning?.field
        ? [{ path: 'spec.partitioning.field', name: partitioning.field }]
        : []),
      ...(partitioning?.keys ?? []).map((name, i) => ({
        path: joinPath('spec.partitioning.keys', i),
        name,
      })),
    ];
    for (const { path, name } of named) {
      if (!columns.has(name.toLocaleLowerCase('en-US'))) {
        problems.push({
          path,
          message: `names no top-level field ("${name}")`,
        });
      }
    }
  }
  problems.push(
    ...checkRef(spec.schema?.eventType, 'spec.schema.eventType', 'eventtype', [
      EVENT_TYPE_KIND,
    ]),
    ...checkRefs(spec.access?.readers, 'spec.access.readers', 'group', [
      'Group',
      'User',
    ]),
    ...checkRefs(spec.access?.writers, 'spec.access.writers', 'group', [
      'Group',
      'User',
    ]),
  );
  problems.push(
    ...qualityProblems(spec.quality ?? [], spec.schema?.fields, {
      endpointType: spec.type,
      table:
        spec.type === 'bigquery-table' && spec.location.table
          ? { ...spec.location, table: spec.location.table }
          : undefined,
    }),
  );
  return problems;
}

/** One comma-separated item of a cron field: `*`, `n` or `n-m`, each with an optional `/step`. */
const CRON_ITEM = /^(?:\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/;
const CRON_FIELDS: { name: string; min: number; max: number }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day-of-week', min: 0, max: 7 },
];

/** A problem message for a five-field cron expression, or undefined when valid. */
export function cronProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `must have 5 fields (minute hour day-of-month month day-of-week), has ${parts.length}`;
  }
  for (let i = 0; i < 5; i++) {
    const { name, min, max } = CRON_FIELDS[i];
    const part = parts[i];
    for (const item of part.split(',')) {
      const match = CRON_ITEM.exec(item);
      if (!match) {
        return `${name} field "${part}" is not valid`;
      }
      const [, from, to, step] = match;
      const bounds = [from, to].filter(v => v !== undefined).map(Number);
      if (bounds.some(n => n < min || n > max)) {
        return `${name} field "${part}" is outside ${min}-${max}`;
      }
      if (bounds.length === 2 && bounds[1] < bounds[0]) {
        return `${name} field "${part}" has a range that runs backwards`;
      }
      if (step !== undefined && Number(step) < 1) {
        return `${name} field "${part}" has a step below 1`;
      }
    }
  }
  return undefined;
}

function isTimeZone(zone: string): boolean {
  // Newer engines also take UTC offsets such as +01:00; they are not IANA
  // names and older engines (and browsers) reject them.
  if (/^[+-]/.test(zone)) return false;
  try {
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
        .timeZone,
    );
  } catch {
    return false;
  }
}

function validatePipeline(entity: PipelineEntity): ValidationProblem[] {
  const { spec } = entity;
  const problems = [
    ...checkCommonRefs(spec),
    ...checkRefs(spec.inputs, 'spec.inputs', 'dataendpoint', [
      DATA_ENDPOINT_KIND,
    ]),
    ...checkRefs(spec.outputs, 'spec.outputs', 'dataendpoint', [
      DATA_ENDPOINT_KIND,
    ]),
  ];
  const { schedule } = spec;
  if (schedule.type === 'cron') {
    if (!schedule.cron) {
      problems.push({
        path: 'spec.schedule.cron',
        message: 'is required when spec.schedule.type is cron',
      });
    } else {
      const problem = cronProblem(schedule.cron);
      if (problem)
        problems.push({ path: 'spec.schedule.cron', message: problem });
    }
  } else if (schedule.cron !== undefined) {
    problems.push({
      path: 'spec.schedule.cron',
      message: `only applies when spec.schedule.type is cron, not ${schedule.type}`,
    });
  }
  if (schedule.timezone && !isTimeZone(schedule.timezone)) {
    problems.push({
      path: 'spec.schedule.timezone',
      message: `is not an IANA time zone ("${schedule.timezone}")`,
    });
  }
  if (!spec.outputs || spec.outputs.length === 0) {
    problems.push({
      path: 'spec.outputs',
      message: 'a pipeline must declare at least one output',
    });
  }
  return problems;
}

/**
 * Validates one of this project's entities: its spec against the kind's JSON
 * Schema, then the rules a schema cannot express. Returns every problem found,
 * each with the dotted path of the offending field; an empty list means valid.
 * Entities of other kinds or apiVersions give an empty list.
 */
export function validateDataPlatformEntity(
  entity: Entity,
): ValidationProblem[] {
  if (entity.apiVersion !== DATA_PLATFORM_API_VERSION) return [];
  const kind = DATA_PLATFORM_KINDS.find(
    k => k.toLowerCase() === entity.kind.toLowerCase(),
  );
  if (!kind) {
    return [
      {
        path: 'kind',
        message: `${DATA_PLATFORM_API_VERSION} has no kind "${
          entity.kind
        }"; expected one of ${DATA_PLATFORM_KINDS.join(', ')}`,
      },
    ];
  }
  const schemaId = `https://dataplatform.io/schemas/${kind}Spec`;
  const problems = validateWithJsonSchema(schemaId, entity.spec, 'spec');
  if (problems.length > 0) return problems;
  switch (kind) {
    case EVENT_TYPE_KIND:
      return validateEventType(entity as unknown as EventTypeEntity);
    case DATA_ENDPOINT_KIND:
      return validateDataEndpoint(entity as unknown as DataEndpointEntity);
    case PIPELINE_KIND:
      return validatePipeline(entity as unknown as PipelineEntity);
    default:
      return [];
  }
}
