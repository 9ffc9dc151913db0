import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkSchemaEvolution,
  CompatibilityReport,
  schemaFieldProblems,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { currentEventType, eventTypeRef } from '../services/catalogLookup';
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
});

/**
 * `dataplatform:eventType:validate`: checks a proposed schema on the server,
 * whatever the form said. The field rules (BigQuery naming, reserved words,
 * duplicates, nesting); for a new event type that the name is free; for an
 * evolution that the change is compatible with the earlier revisions under
 * the event type's compatibility mode. Refuses with every reason.
 */
export function createEventTypeValidateAction(options: {
  catalog: CatalogService;
}) {
  const { catalog } = options;
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
            return { revision: 1, report: null };
          }
          const report = checkSchemaEvolution(
            current.spec.schema,
            fields,
            input.compatibility,
          );
          return {
            revision: current.spec.schema.revision + 1,
            report: reportOutput(report),
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
