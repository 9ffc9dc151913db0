import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, isError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { minimatch } from 'minimatch';
import { waitForCatalog } from '../services/waitForCatalog';
import { defineInput, parseInput } from './inputs';
import { examples } from './eventTypeRegister.examples';

const locationTargets = (location: Entity): string[] => {
  const spec = (location.spec ?? {}) as { target?: string; targets?: string[] };
  return [spec.target, ...(spec.targets ?? [])].filter(
    (t): t is string => typeof t === 'string',
  );
};

/** The catalog's `file` locations that read a file (their targets may be globs). */
async function locationsReading(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  file: string,
): Promise<string[]> {
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Location', 'spec.type': 'file' } },
    { credentials },
  );
  return items
    .filter(location =>
      locationTargets(location).some(
        target => target === file || minimatch(file, target, { dot: true }),
      ),
    )
    .map(location => stringifyEntityRef(location));
}

const isConflict = (e: unknown) =>
  isError(e) &&
  (e.name === 'ConflictError' ||
    (e as { response?: { status?: number } }).response?.status === 409);

const registerInput = defineInput({
  entityRef: z => z.string({ description: 'The event type to wait for' }),
  revision: z =>
    z
      .number({ description: 'The schema revision the catalog must show' })
      .int()
      .min(1),
  catalogInfoUrl: z =>
    z
      .string({
        description:
          'URL of the published catalog file (publish:github and the like)',
      })
      .optional(),
  filePath: z =>
    z
      .string({
        description: 'Path of the file written by dataplatform:publish:local',
      })
      .optional(),
  timeoutSeconds: z =>
    z
      .number({
        description: 'How long to wait for the catalog to show the revision',
      })
      .int()
      .min(1)
      .default(90),
});

/**
 * `dataplatform:eventType:register`: makes the catalog pick up a published
 * event type and waits until it shows the expected schema revision. For a
 * URL (after publish:github and the like) it adds the location, an existing
 * one (409) counting as done; for a file written by dataplatform:publish:local
 * it refreshes the catalog's `file` location that reads it.
 */
export function createEventTypeRegisterAction(options: {
  catalog: CatalogService;
  pollIntervalMs?: number;
}) {
  const { catalog, pollIntervalMs = 1000 } = options;
  return createTemplateAction({
    id: 'dataplatform:eventType:register',
    description:
      'Registers a published event type in the catalog (a URL location, or the file location reading a local catalog file) and waits until the catalog shows its schema revision.',
    examples,
    supportsDryRun: true,
    schema: {
      input: registerInput,
      output: {
        entityRef: z => z.string({ description: 'The registered event type' }),
        locations: z =>
          z.array(z.string(), {
            description:
              'What the catalog reads it from: url:<url>, or the refs of the file locations',
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(registerInput, ctx.input);
      const { entityRef, revision, catalogInfoUrl, filePath, timeoutSeconds } =
        input;
      if (!catalogInfoUrl === !filePath) {
        throw new InputError('Give exactly one of catalogInfoUrl and filePath');
      }
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        ctx.logger.info(
          `[dry run] would register ${
            catalogInfoUrl ?? filePath
          } and wait for ${entityRef} at revision ${revision}`,
        );
        ctx.output('entityRef', entityRef);
        ctx.output('locations', []);
        return;
      }

      let locations: string[];
      if (catalogInfoUrl) {
        locations = await ctx.checkpoint({
          key: `dataplatform-register-url-${catalogInfoUrl}`,
          fn: async () => {
            try {
              await catalog.addLocation(
                { type: 'url', target: catalogInfoUrl },
                { credentials },
              );
            } catch (e) {
              if (!isConflict(e)) throw e;
              ctx.logger.info(`${catalogInfoUrl} is registered already`);
            }
            return [`url:${catalogInfoUrl}`];
          },
        });
      } else {
        locations = await ctx.checkpoint({
          key: `dataplatform-register-file-${filePath}`,
          fn: async () => {
            const refs = await locationsReading(
              catalog,
              credentials,
              filePath!,
            );
            if (refs.length === 0) {
              throw new InputError(
                `No catalog location reads ${filePath}; add a location { type: file, target: <local catalog directory>/**/*.yaml } under catalog.locations`,
              );
            }
            for (const ref of refs) {
              await catalog.refreshEntity(ref, { credentials });
            }
            return refs;
          },
        });
      }

      await waitForCatalog({
        catalog,
        credentials,
        expected: [{ entityRef, revision }],
        timeoutSeconds,
        pollIntervalMs,
        logger: ctx.logger,
        whereToLook: `look for processing errors of ${
          catalogInfoUrl ?? filePath
        } (the catalog's unprocessed entities)`,
      });
      ctx.logger.info(
        `${entityRef} is in the catalog at schema revision ${revision}`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('locations', locations);
    },
  });
}
