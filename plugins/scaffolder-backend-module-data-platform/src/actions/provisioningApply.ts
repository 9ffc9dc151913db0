import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { ProvisionedResource } from '@dataplatform/backstage-plugin-data-platform-common';
import { createHash } from 'node:crypto';
import { parseCatalogYaml } from '../services/catalogFile';
import {
  inDependencyOrder,
  planLines,
  problemLines,
  summarize,
} from '../services/describeProvisioning';
import { ProvisioningClient } from '../services/provisioningClient';
import { ResourceApplier } from '../services/ResourceApplier';
import { ExpectedEntity, waitForCatalog } from '../services/waitForCatalog';
import { examples } from './provisioningApply.examples';
import { defineInput, parseInput } from './inputs';

const provisioningInput = defineInput({
  entityRefs: z =>
    z
      .array(z.string(), {
        description:
          'The entities whose infrastructure to provision, e.g. an event type (its page covers its topic, raw table and delivery)',
      })
      .min(1)
      .max(20),
  renderedYaml: z =>
    z
      .string({
        description:
          'The catalog YAML of dataplatform:eventType:render (its yaml output): what a dry run plans, and the entities (at their schema revision) a real run waits for in the catalog',
      })
      .optional(),
  timeoutSeconds: z =>
    z
      .number({
        description: 'How long to wait for the entities in the catalog',
      })
      .int()
      .min(1)
      .default(90),
});

const normalized = (ref: string) =>
  stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');

/** The entity page's Infrastructure tab. */
function infrastructurePath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace.toLocaleLowerCase(
    'en-US',
  )}/${kind.toLocaleLowerCase('en-US')}/${name}/infrastructure`;
}

/** The asked-for entities and the rendered ones, at their rendered revision. */
function expectedEntities(
  entityRefs: string[],
  rendered: Entity[],
): ExpectedEntity[] {
  const expected = new Map<string, ExpectedEntity>(
    entityRefs.map(ref => [normalized(ref), { entityRef: ref }]),
  );
  for (const entity of rendered) {
    const entityRef = stringifyEntityRef(entity);
    const revision = (entity.spec as { schema?: { revision?: unknown } })
      ?.schema?.revision;
    expected.set(normalized(entityRef), {
      entityRef,
      ...(typeof revision === 'number' ? { revision } : {}),
    });
  }
  return [...expected.values()];
}

/** Changes with the desired state: a retried task applies a resource once per desired state. */
const checkpointKey = (resource: ProvisionedResource) =>
  `provision-${resource.id}-${createHash('sha256')
    .update(JSON.stringify(resource.desired))
    .digest('hex')
    .slice(0, 16)}`;

const presented = (resources: ProvisionedResource[]) =>
  resources.map(({ id, type, entityRef, state }) => ({
    id,
    type,
    entityRef,
    state,
  }));

/**
 * `dataplatform:provisioning:apply`: provisions the infrastructure of
 * catalog entities through the data-platform backend, as the task's user.
 * A dry run plans the rendered entities and prints the plan; a real run
 * waits until the catalog shows the entities, then applies each resource
 * that has changes, one checkpoint per resource.
 */
export function createProvisioningApplyAction(options: {
  catalog: CatalogService;
  discovery: DiscoveryService;
  auth: AuthService;
  pollIntervalMs?: number;
}) {
  const { catalog, pollIntervalMs = 1000 } = options;
  const client = new ProvisioningClient(options);
  return createTemplateAction({
    id: 'dataplatform:provisioning:apply',
    description:
      "Provisions the infrastructure of catalog entities (an event type's topic, raw table and delivery) through the data-platform backend, as the task's user: a dry run prints the plan of the rendered entities; a real run waits for them in the catalog and applies each resource's plan once.",
    examples,
    supportsDryRun: true,
    schema: {
      input: provisioningInput,
      output: {
        applied: z =>
          z.number({ description: 'Resources whose changes were applied' }),
        resources: z =>
          z.array(
            z.object({
              id: z.string(),
              type: z.string(),
              entityRef: z.string(),
              state: z.string(),
            }),
            {
              description:
                'Each resource with its state: planned in a dry run, after the apply otherwise',
            },
          ),
        summary: z =>
          z.string({ description: 'How many resources are in which state' }),
        infrastructureUrl: z =>
          z.string({
            description:
              "Path of the first entity's Infrastructure tab in the portal",
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(provisioningInput, ctx.input);
      const { entityRefs, timeoutSeconds } = input;
      const credentials = await ctx.getInitiatorCredentials();
      const rendered = input.renderedYaml
        ? parseCatalogYaml(input.renderedYaml, 'renderedYaml')
        : [];
      const infrastructureUrl = infrastructurePath(entityRefs[0]);
      ctx.output('infrastructureUrl', infrastructureUrl);

      if (ctx.isDryRun) {
        if (rendered.length === 0) {
          ctx.logger.info(
            `[dry run] would apply the provisioning plans of ${entityRefs.join(
              ', ',
            )}; give renderedYaml to see the plan`,
          );
          ctx.output('applied', 0);
          ctx.output('resources', []);
          ctx.output('summary', 'not planned');
          return;
        }
        const plan = await client.planDraft(rendered, credentials);
        const summary = summarize(plan.resources);
        ctx.logger.info(`[dry run] Provisioning plan: ${summary}`);
        for (const resource of inDependencyOrder(plan.resources)) {
          planLines(resource).forEach(line => ctx.logger.info(line));
        }
        problemLines(plan.problems).forEach(line => ctx.logger.warn(line));
        ctx.output('applied', 0);
        ctx.output('resources', presented(plan.resources));
        ctx.output('summary', summary);
        return;
      }

      await waitForCatalog({
        catalog,
        credentials,
        expected: expectedEntities(entityRefs, rendered),
        timeoutSeconds,
        pollIntervalMs,
        logger: ctx.logger,
        whereToLook:
          "look for processing errors of the registered file (the catalog's unprocessed entities)",
      });

      const applier = new ResourceApplier({
        client,
        credentials,
        logger: ctx.logger,
      });
      const final: ProvisionedResource[] = [];
      for (const entityRef of entityRefs) {
        const provisioning = await client.provisioningOf(
          entityRef,
          credentials,
          { refresh: true },
        );
        problemLines(provisioning.problems).forEach(l => ctx.logger.warn(l));
        for (const resource of inDependencyOrder(provisioning.resources)) {
          planLines(resource).forEach(line => ctx.logger.info(line));
          await applier.applyOnce(entityRef, resource, fn =>
            ctx.checkpoint({ key: checkpointKey(resource), fn }),
          );
        }
        const after = await client.provisioningOf(entityRef, credentials, {
          refresh: false,
        });
        final.push(...after.resources);
      }

      const summary = summarize(final);
      ctx.logger.info(`Provisioning: ${summary}; see ${infrastructureUrl}`);
      ctx.output('applied', applier.applied);
      ctx.output('resources', presented(final));
      ctx.output('summary', summary);
      if (applier.failures.length > 0) {
        throw new Error(
          `Provisioning failed: ${applier.failures.join(
            '; ',
          )}. The other changes stay applied; fix the cause, then apply from ${infrastructureUrl} or retry the task`,
        );
      }
    },
  });
}
