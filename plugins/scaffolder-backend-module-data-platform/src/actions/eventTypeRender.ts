import type { CatalogService } from '@backstage/plugin-catalog-node';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LandingConfig } from '../services/renderEventType';
import {
  renderEvolvedEventType,
  renderNewEventType,
  toCatalogYaml,
} from '../services/renderEventType';
import { currentEventType, eventTypeRef } from '../services/catalogLookup';
import { examples } from './eventTypeRender.examples';
import {
  compatibilityMode,
  entityNamespace,
  eventTypeName,
  evolveFlag,
  schemaFields,
  defineInput,
  parseInput,
} from './inputs';

const renderInput = defineInput({
  name: eventTypeName,
  namespace: entityNamespace,
  evolve: evolveFlag,
  fields: schemaFields,
  compatibility: compatibilityMode,
  comment: z =>
    z
      .string({ description: 'Why this revision: kept with it in the history' })
      .optional(),
  title: z =>
    z.string({ description: 'Display title (new event types)' }).optional(),
  description: z =>
    z
      .string({
        description:
          'What one event means and when it is sent (new event types)',
      })
      .optional(),
  owner: z =>
    z
      .string({
        description:
          'Owning group, e.g. group:default/playback (new event types)',
      })
      .optional(),
  system: z =>
    z.string({ description: 'System the event type belongs to' }).optional(),
  lifecycle: z =>
    z
      .string({ description: 'Lifecycle of a new event type' })
      .default('experimental'),
  tags: z => z.array(z.string()).optional(),
  producers: z =>
    z
      .array(z.string(), { description: 'Components that emit the events' })
      .optional(),
  partitioning: z =>
    z
      .enum(['HOUR', 'DAY'], {
        description: 'Delivery partitions of a new event type',
      })
      .default('HOUR'),
  retentionDays: z =>
    z
      .number({ description: 'Days the raw table keeps partitions' })
      .int()
      .min(1)
      .default(90),
  piiReviewedBy: z =>
    z
      .string({
        description: 'Who confirmed the PII classification of every field',
      })
      .optional(),
  targetPath: z =>
    z
      .string({ description: 'Workspace path of the YAML file to write' })
      .default('catalog-info.yaml'),
});

/**
 * `dataplatform:eventType:render`: writes the catalog YAML of an event type
 * into the workspace. A new one gets revision 1 and its landing endpoints
 * (Pub/Sub topic, raw BigQuery table); an evolved one is the catalog's
 * current entity with the revision incremented and the old fields in its
 * history. Dry-run writes and logs it just the same.
 */
export function createEventTypeRenderAction(options: {
  catalog: CatalogService;
  landing: LandingConfig;
  now?: () => Date;
}) {
  const { catalog, landing, now = () => new Date() } = options;
  return createTemplateAction({
    id: 'dataplatform:eventType:render',
    description:
      'Renders an event type (and, when new, its landing DataEndpoints) as catalog YAML in the workspace; when evolving, increments the schema revision and keeps the old fields in the history.',
    examples,
    supportsDryRun: true,
    schema: {
      input: renderInput,
      output: {
        entityRef: z => z.string({ description: 'The event type' }),
        entityRefs: z =>
          z.array(z.string(), { description: 'Every entity in the file' }),
        revision: z =>
          z.number({ description: 'The schema revision in the file' }),
        filePath: z =>
          z.string({ description: 'Workspace path of the file written' }),
        yaml: z => z.string({ description: 'The rendered catalog YAML' }),
      },
    },
    async handler(ctx) {
      const input = parseInput(renderInput, ctx.input);
      const entityRef = eventTypeRef(input.name, input.namespace);
      let entities;
      if (input.evolve) {
        const current = await currentEventType({
          catalog,
          credentials: await ctx.getInitiatorCredentials(),
          entityRef,
          evolve: true,
        });
        entities = [
          renderEvolvedEventType({
            current: current!,
            fields: input.fields,
            compatibility: input.compatibility,
            comment: input.comment,
            now: now(),
          }),
        ];
      } else {
        if (!input.owner || !input.description) {
          throw new InputError(
            'A new event type needs an owner and a description',
          );
        }
        entities = renderNewEventType(
          {
            ...input,
            owner: input.owner,
            description: input.description,
            now: now(),
          },
          landing,
        );
      }
      const yaml = toCatalogYaml(entities);
      const file = resolveSafeChildPath(ctx.workspacePath, input.targetPath);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, yaml, 'utf8');
      ctx.logger.info(
        `${ctx.isDryRun ? '[dry run] ' : ''}Rendered ${
          input.targetPath
        }:\n${yaml}`,
      );
      const revision = (entities[0].spec as any).schema.revision as number;
      ctx.output('entityRef', entityRef);
      ctx.output(
        'entityRefs',
        entities.map(e => stringifyEntityRef(e)),
      );
      ctx.output('revision', revision);
      ctx.output('filePath', input.targetPath);
      ctx.output('yaml', yaml);
    },
  });
}
