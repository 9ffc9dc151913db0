import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  breakingChanges,
  breaksConsumers,
  checkSchemaEvolution,
  COMPATIBILITY_MODES,
  consumerGate,
  consumerImpact,
  FIELD_MODES,
  FIELD_TYPES,
  isEventTypeEntity,
  PII_CLASSIFICATIONS,
  SchemaField,
  schemaFieldProblems,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { z as zod } from 'zod/v3';
import type { SchemaChangesConfig } from '../config/readSchemaChangesConfig';
import type { CatalogReadAccess } from '../services/CatalogReadAccess';
import type { FieldConsumersQuery } from '../services/SchemaChanges/FieldConsumersQuery';
import { entityRefOf, text, Z } from './actionInputs';
import {
  consumerSchema,
  consumersOrNone,
  readableEntity,
  toConsumer,
} from './getFieldConsumers';

/** Fields a proposed schema may have, nested ones included. */
const MAX_FIELDS = 5000;

const countFields = (fields: SchemaField[]): number =>
  fields.reduce((n, f) => n + 1 + countFields(f.fields ?? []), 0);

const fieldsSchema = (z: Z) => {
  const field: zod.ZodType<SchemaField> = z.lazy(() =>
    z.object({
      name: text(z, 300, 'The field name (BigQuery column rules)'),
      type: z.enum(FIELD_TYPES),
      mode: z.enum(FIELD_MODES).optional(),
      description: z.string().max(10_000).optional(),
      pii: z.enum(PII_CLASSIFICATIONS).optional(),
      fields: z.array(field).optional(),
    }),
  );
  return z
    .array(field, {
      description:
        'The complete proposed schema: every field, RECORDs with their nested fields',
    })
    .refine(fields => countFields(fields) <= MAX_FIELDS, {
      message: `must have at most ${MAX_FIELDS} fields, nested ones included`,
    });
};

const inputSchema = (z: Z) =>
  z.object({
    entityRef: entityRefOf(
      z,
      ['EventType'],
      'The event type whose schema would change (eventtype:default/track-played)',
      'eventtype:default/track-played',
    ),
    fields: fieldsSchema(z),
    compatibility: z
      .enum(COMPATIBILITY_MODES, {
        description:
          "The compatibility mode to check under; default: the event type's own",
      })
      .optional(),
  });

const outputSchema = (z: Z) =>
  z.object({
    entityRef: z.string(),
    currentRevision: z.number(),
    proposedRevision: z.number(),
    mode: z.string().describe('The compatibility mode checked under'),
    verdict: z
      .enum(['ok', 'invalid', 'incompatible', 'breaks-consumers'])
      .describe(
        'ok: it can ship; invalid: field rules fail; incompatible: the mode refuses it; breaks-consumers: compatible, but removes or retypes fields that consumers read',
      ),
    fieldProblems: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .describe('Field rules that fail (naming, reserved words, nesting)'),
    checkedAgainst: z
      .array(z.number())
      .describe('The earlier revisions it was checked against'),
    changes: z
      .array(
        z.object({
          kind: z.string(),
          path: z.string(),
          fromPath: z.string().optional(),
          description: z.string(),
          backward: z.boolean(),
          forward: z.boolean(),
        }),
      )
      .describe('What changes against the current revision'),
    issues: z
      .array(
        z.object({
          path: z.string(),
          direction: z.string(),
          againstRevision: z.number(),
          message: z.string(),
        }),
      )
      .describe('Each change the compatibility mode refuses'),
    breakingConsumers: z
      .array(
        z.object({
          path: z.string(),
          change: z.string(),
          consumers: z.array(consumerSchema(z)),
        }),
      )
      .describe('Changes that remove or retype fields, with who reads them'),
    consumerPolicy: z
      .string()
      .describe(
        "The portal's policy for breaking consumers: refuse, or requireDecision (the owner decides, in the registration template)",
      ),
    summary: z.string(),
  });

/** `[2].fields[0].name` as the dotted names it points at: `context.device`. */
function namedPath(fields: SchemaField[], at: string): string {
  const names: string[] = [];
  let level: SchemaField[] | undefined = fields;
  for (const [, index] of at.matchAll(/\[(\d+)\]/g)) {
    const field: SchemaField | undefined = level?.[Number(index)];
    if (!field) break;
    names.push(field.name);
    level = field.fields;
  }
  return names.join('.') || at || '(schema)';
}

/**
 * `validate-schema-change`: a proposed schema for an event type checked as
 * the registration template checks it (field rules, compatibility with the
 * earlier revisions under its mode, the consumers a removal or retyping
 * breaks), without changing anything.
 */
export function registerValidateSchemaChangeAction(
  registry: ActionsRegistryService,
  services: {
    catalog: CatalogService;
    reads: CatalogReadAccess;
    consumers: FieldConsumersQuery;
    config: SchemaChangesConfig;
  },
) {
  const { catalog, reads, consumers, config } = services;
  registry.register({
    name: 'validate-schema-change',
    title: "Validate a change to an event type's schema",
    description: `Checks a proposed schema for an existing event type without changing anything: BigQuery field rules, compatibility with every earlier revision under the event type's compatibility mode (BACKWARD, FORWARD, FULL, *_TRANSITIVE, NONE), and the consumers that read fields the change removes or retypes. Give the complete proposed field list (read the current one from the catalog entity's spec.schema.fields and edit it). The verdict says whether it can ship; issues and fieldProblems name the field paths at fault; breakingConsumers lists who would break, with owners. The change itself is made through the event type registration template.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: inputSchema, output: outputSchema },
    examples: [
      {
        title: 'Can track_id become an INT64?',
        input: {
          entityRef: 'eventtype:default/track-played',
          fields: [
            { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'track_id', type: 'INT64', mode: 'REQUIRED' },
          ],
        },
      },
    ],
    async action({ input, credentials }) {
      const entity = await readableEntity(
        catalog,
        input.entityRef,
        credentials,
      );
      if (!isEventTypeEntity(entity)) {
        throw new NotFoundError(`No event type ${input.entityRef}`);
      }
      const entityRef = stringifyEntityRef(entity);
      const { schema } = entity.spec;
      const fieldProblems = schemaFieldProblems(input.fields).map(p => ({
        path: namedPath(input.fields, p.path),
        message: p.message,
      }));
      const report = checkSchemaEvolution(
        schema,
        input.fields,
        input.compatibility,
      );
      const candidates = report.changes.filter(breaksConsumers);
      const readers =
        candidates.length === 0
          ? {}
          : await consumersOrNone(
              consumers,
              entityRef,
              candidates.flatMap(c => [
                c.path,
                ...(c.fromPath ? [c.fromPath] : []),
              ]),
              await reads.forCaller(credentials),
            );
      const breaking = breakingChanges(
        consumerImpact({ changes: candidates, consumers: readers }),
      );
      const gate = consumerGate({
        breaking,
        policy: config.breakingConsumers,
      });
      let verdict: 'ok' | 'invalid' | 'incompatible' | 'breaks-consumers' =
        'ok';
      let summary = `Revision ${schema.revision + 1} is ${
        report.mode
      } compatible with revision(s) ${report.checkedAgainst.join(
        ', ',
      )} and breaks no consumer the caller can see.`;
      if (fieldProblems.length > 0) {
        verdict = 'invalid';
        summary = `The proposed schema breaks field rules: ${fieldProblems
          .map(p => `${p.path}: ${p.message}`)
          .join('; ')}`;
      } else if (!report.compatible) {
        verdict = 'incompatible';
        summary = `Not ${report.mode} compatible: ${report.issues
          .map(i => i.message)
          .join('; ')}`;
      } else if (gate.status !== 'clear') {
        verdict = 'breaks-consumers';
        summary = 'message' in gate ? gate.message : summary;
      }
      return {
        output: {
          entityRef,
          currentRevision: schema.revision,
          proposedRevision: schema.revision + 1,
          mode: report.mode,
          verdict,
          fieldProblems,
          checkedAgainst: report.checkedAgainst,
          changes: report.changes.map(c => ({
            kind: c.kind,
            path: c.path,
            ...(c.fromPath ? { fromPath: c.fromPath } : {}),
            description: c.description,
            backward: c.backward,
            forward: c.forward,
          })),
          issues: report.issues.map(i => ({
            path: i.path,
            direction: i.direction,
            againstRevision: i.againstRevision,
            message: i.message,
          })),
          breakingConsumers: breaking.map(b => ({
            path: b.change.path,
            change: b.change.description,
            consumers: b.consumers.map(toConsumer),
          })),
          consumerPolicy: config.breakingConsumers,
          summary,
        },
      };
    },
  });
}
