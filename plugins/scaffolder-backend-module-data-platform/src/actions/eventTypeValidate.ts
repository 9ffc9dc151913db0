import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  breaksConsumers,
  checkSchemaEvolution,
  CompatibilityReport,
  SchemaChange,
  schemaFieldProblems,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { currentEventType, eventTypeRef } from '../services/catalogLookup';
import type { SchemaChangeApi } from '../services/schemaChangeClient';
import {
  decisionRequest,
  passConsumerGate,
  recordConsumerDecision,
} from './consumerGate';
import { examples } from './eventTypeValidate.examples';
import {
  compatibilityMode,
  entityNamespace,
  eventTypeName,
  evolveFlag,
  schemaFields,
  defineInput,
  parseInput,
} from './inputs';

/** The verdict as JSON a template output or a later step can use. */
function reportOutput(report: CompatibilityReport) {
  return {
    mode: report.mode,
    compatible: report.compatible,
    checkedAgainst: report.checkedAgainst,
    changes: report.changes.map(c => ({
      kind: c.kind,
      path: c.path,
      description: c.description,
      backward: c.backward,
      forward: c.forward,
    })),
    issues: report.issues.map(i => i.message),
  };
}

const validateInput = defineInput({
  name: eventTypeName,
  namespace: entityNamespace,
  fields: schemaFields,
  compatibility: compatibilityMode,
  evolve: evolveFlag,
  baseRevision: z =>
    z
      .number({
        description:
          'When evolving: the revision the edit started from; refused when the event type has moved on since',
      })
      .int()
      .optional(),
  consumerDecision: z =>
    z
      .object(
        {
          reason: z.string().default(''),
          consumers: z.array(z.string()).default([]),
        },
        {
          description:
            "When evolving: the owner's decision to ship a change that removes or retypes fields consumers read, naming each consumer (their ids) and why; recorded and sent to the consumers' owners",
        },
      )
      // The Consumers step's whole value may be passed: what it looked up too.
      .passthrough()
      .optional(),
});

/**
 * `dataplatform:eventType:validate`: checks a proposed schema on the server,
 * whatever the form said. The field rules (BigQuery naming, reserved words,
 * duplicates, nesting); for a new event type that the name is free; for an
 * evolution that the change is compatible with the earlier revisions under
 * the event type's compatibility mode, and that a change that removes or
 * retypes fields consumers read is refused, or carries the owner's decision
 * (see {@link passConsumerGate}), which it records. Refuses with every
 * reason.
 */
export function createEventTypeValidateAction(options: {
  catalog: CatalogService;
  /**
   * The data-platform backend's consumer impact and decision log. Without
   * it, a change that removes or retypes a field is refused: who reads the
   * field cannot be weighed.
   */
  schemaChanges?: SchemaChangeApi;
}) {
  const { catalog, schemaChanges } = options;
  return createTemplateAction({
    id: 'dataplatform:eventType:validate',
    description:
      "Validates an event type's schema: field rules, and for an evolution its compatibility with the earlier revisions. Refuses an incompatible change with the reasons.",
    examples,
    supportsDryRun: true,
    schema: {
      input: validateInput,
      output: {
        entityRef: z => z.string({ description: 'The event type' }),
        revision: z =>
          z.number({ description: 'The revision the new schema gets' }),
        compatible: z => z.boolean(),
        report: z =>
          z
            .object({
              mode: z.string(),
              compatible: z.boolean(),
              checkedAgainst: z.array(z.number()),
              changes: z.array(
                z.object({
                  kind: z.string(),
                  path: z.string(),
                  description: z.string(),
                  backward: z.boolean(),
                  forward: z.boolean(),
                }),
              ),
              issues: z.array(z.string()),
            })
            .describe(
              'Changes against the current revision and the compatibility verdict',
            ),
        consumerDecision: z =>
          z
            .object({
              id: z.string(),
              decidedBy: z.string(),
              decidedAt: z.string(),
              reason: z.string(),
              notified: z.array(z.string()),
              consumers: z.array(
                z.object({
                  id: z.string(),
                  title: z.string(),
                  owner: z.string().optional(),
                  paths: z.array(z.string()),
                  through: z.string(),
                }),
              ),
            })
            .passthrough()
            .optional()
            .describe(
              'When the change breaks consumers: the recorded decision to ship it',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(validateInput, ctx.input);
      const { name, namespace, fields, evolve, baseRevision } = input;
      const problems = schemaFieldProblems(fields);
      if (problems.length > 0) {
        throw new InputError(
          `The schema of ${name} is not valid: ${problems
            .map(p => `fields${p.path}: ${p.message}`)
            .join('; ')}`,
        );
      }
      const entityRef = eventTypeRef(name, namespace);
      // A decision, kept with the task: a retried task must not find its own
      // registration and call the name taken.
      const verdict = await ctx.checkpoint({
        key: `dataplatform-validate-${entityRef}`,
        fn: async () => {
          const current = await currentEventType({
            catalog,
            credentials: await ctx.getInitiatorCredentials(),
            entityRef,
            evolve,
            baseRevision,
          });
          if (!current) {
            return { revision: 1, report: null, breakable: [] };
          }
          const report = checkSchemaEvolution(
            current.spec.schema,
            fields,
            input.compatibility,
          );
          return {
            revision: current.spec.schema.revision + 1,
            report: reportOutput(report),
            // In full (with the fields before and after) for the consumer gate.
            breakable: report.changes.filter(breaksConsumers) as never[],
          };
        },
      });

      const report = verdict.report ?? {
        mode: input.compatibility ?? 'BACKWARD',
        compatible: true,
        checkedAgainst: [],
        changes: [],
        issues: [],
      };
      for (const change of report.changes) {
        ctx.logger.info(
          `${change.path}: ${change.description} (${
            change.backward ? '' : 'not '
          }backward, ${change.forward ? '' : 'not '}forward compatible)`,
        );
      }
      if (!report.compatible) {
        throw new InputError(
          `The new schema of ${entityRef} is not ${
            report.mode
          } compatible: ${report.issues.join('; ')}`,
        );
      }
      const passage = await passConsumerGate({
        entityRef,
        changes: verdict.breakable as unknown as SchemaChange[],
        decision: input.consumerDecision?.reason.trim()
          ? input.consumerDecision
          : undefined,
        schemaChanges,
        logger: ctx.logger,
      });
      if (passage.decided) {
        const decision = await recordConsumerDecision({
          ctx,
          schemaChanges: schemaChanges!,
          request: decisionRequest(entityRef, verdict.revision, passage),
        });
        if (decision) ctx.output('consumerDecision', decision);
      }
      ctx.logger.info(
        verdict.report
          ? `${entityRef}: revision ${verdict.revision} is ${
              report.mode
            } compatible with revision(s) ${report.checkedAgainst.join(', ')}`
          : `${entityRef} is free; its schema becomes revision 1`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('revision', verdict.revision);
      ctx.output('compatible', true);
      ctx.output('report', report);
    },
  });
}
