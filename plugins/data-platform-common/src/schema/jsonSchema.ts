import { QUALITY_CHECK_TYPES, QUALITY_SEVERITIES } from '../kinds/entities';
import { FIELD_MODES, FIELD_TYPES, PII_CLASSIFICATIONS } from './fields';

/** JSON Schema of one schema field (recursive through `fields`). */
export const schemaFieldJsonSchema = {
  $id: 'https://dataplatform.io/schemas/SchemaField',
  type: 'object',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]{0,299}$',
      description:
        'Column name: letters, digits and underscores, not starting with a digit (BigQuery rules).',
    },
    type: { enum: [...FIELD_TYPES] },
    mode: { enum: [...FIELD_MODES] },
    description: { type: 'string' },
    pii: { enum: [...PII_CLASSIFICATIONS] },
    fields: {
      type: 'array',
      items: { $ref: 'https://dataplatform.io/schemas/SchemaField' },
    },
  },
} as const;

const fieldList = {
  type: 'array',
  minItems: 1,
  items: { $ref: 'https://dataplatform.io/schemas/SchemaField' },
} as const;

const entityRef = { type: 'string', minLength: 1 } as const;

const commonSpec = {
  owner: entityRef,
  lifecycle: { type: 'string', minLength: 1 },
  system: entityRef,
} as const;

const retentionDays = { type: 'integer', minimum: 1 } as const;

/** An ISO 8601 duration of days, hours, minutes and seconds, e.g. PT2H or P1DT6H. */
const isoDuration = {
  type: 'string',
  pattern: '^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$',
} as const;

/** JSON Schema of the EventType kind's `spec`. */
export const eventTypeSpecJsonSchema = {
  $id: 'https://dataplatform.io/schemas/EventTypeSpec',
  type: 'object',
  required: ['owner', 'lifecycle', 'schema', 'delivery'],
  additionalProperties: false,
  properties: {
    ...commonSpec,
    schema: {
      type: 'object',
      required: ['revision', 'fields'],
      additionalProperties: false,
      properties: {
        revision: { type: 'integer', minimum: 1 },
        compatibility: {
          enum: [
            'BACKWARD',
            'BACKWARD_TRANSITIVE',
            'FORWARD',
            'FORWARD_TRANSITIVE',
            'FULL',
            'FULL_TRANSITIVE',
            'NONE',
          ],
        },
        fields: fieldList,
        history: {
          type: 'array',
          items: {
            type: 'object',
            required: ['revision', 'fields'],
            additionalProperties: false,
            properties: {
              revision: { type: 'integer', minimum: 1 },
              fields: fieldList,
              createdAt: { type: 'string' },
              comment: { type: 'string' },
            },
          },
        },
      },
    },
    delivery: {
      type: 'object',
      required: ['partitioning', 'retentionDays'],
      additionalProperties: false,
      properties: {
        partitioning: { enum: ['HOUR', 'DAY'] },
        retentionDays,
      },
    },
    producers: { type: 'array', items: entityRef },
  },
} as const;

/** JSON Schema of the DataEndpoint kind's `spec`. */
export const dataEndpointSpecJsonSchema = {
  $id: 'https://dataplatform.io/schemas/DataEndpointSpec',
  type: 'object',
  required: ['type', 'owner', 'lifecycle', 'location'],
  additionalProperties: false,
  properties: {
    ...commonSpec,
    type: { enum: ['bigquery-table', 'pubsub-topic', 'gcs-path'] },
    location: {
      type: 'object',
      additionalProperties: false,
      properties: {
        project: { type: 'string', pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$' },
        dataset: { type: 'string', pattern: '^[A-Za-z0-9_]{1,1024}$' },
        table: { type: 'string', minLength: 1, maxLength: 1024 },
        topic: {
          type: 'string',
          pattern: '^[A-Za-z][A-Za-z0-9._~%+-]{2,254}$',
        },
        bucket: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$',
        },
        path: { type: 'string' },
      },
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        eventType: entityRef,
        fields: fieldList,
      },
      oneOf: [{ required: ['eventType'] }, { required: ['fields'] }],
    },
    partitioning: {
      type: 'object',
      required: ['granularity'],
      additionalProperties: false,
      properties: {
        granularity: { enum: ['HOUR', 'DAY', 'MONTH', 'YEAR', 'NONE'] },
        field: { type: 'string', minLength: 1 },
        keys: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
        },
      },
    },
    retentionDays,
    access: {
      type: 'object',
      additionalProperties: false,
      properties: {
        readers: { type: 'array', items: entityRef, uniqueItems: true },
        writers: { type: 'array', items: entityRef, uniqueItems: true },
      },
    },
    quality: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100 },
          type: { enum: [...QUALITY_CHECK_TYPES] },
          severity: { enum: [...QUALITY_SEVERITIES] },
          column: { type: 'string', minLength: 1 },
          columns: {
            type: 'array',
            minItems: 2,
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
          maxDelay: isoDuration,
          minRows: { type: 'integer', minimum: 0 },
          maxNullRate: { type: 'number', minimum: 0, maximum: 1 },
          sql: { type: 'string', minLength: 1 },
          values: {
            type: 'array',
            minItems: 1,
            items: { type: ['string', 'number', 'boolean'] },
            uniqueItems: true,
          },
          min: { type: ['number', 'string'] },
          max: { type: ['number', 'string'] },
          weeks: { type: 'integer', minimum: 1, maximum: 52 },
          sensitivity: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
        },
      },
    },
  },
} as const;

/** JSON Schema of the Pipeline kind's `spec`. */
export const pipelineSpecJsonSchema = {
  $id: 'https://dataplatform.io/schemas/PipelineSpec',
  type: 'object',
  required: ['owner', 'lifecycle', 'engine', 'schedule'],
  additionalProperties: false,
  properties: {
    ...commonSpec,
    engine: {
      enum: [
        'bigquery',
        'dataflow',
        'flink',
        'scio',
        'dbt',
        'spark',
        'beam',
        'airflow',
        'python',
      ],
    },
    schedule: {
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: {
        type: { enum: ['hourly', 'daily', 'cron', 'streaming'] },
        cron: { type: 'string', minLength: 1 },
        timezone: { type: 'string', minLength: 1 },
      },
    },
    sla: {
      type: 'object',
      required: ['deadline'],
      additionalProperties: false,
      properties: {
        deadline: isoDuration,
      },
    },
    inputs: { type: 'array', items: entityRef, uniqueItems: true },
    outputs: { type: 'array', items: entityRef, uniqueItems: true },
  },
} as const;
