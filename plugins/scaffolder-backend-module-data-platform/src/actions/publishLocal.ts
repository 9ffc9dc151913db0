import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, relative, isAbsolute } from 'node:path';
import {
  parseCatalogYaml,
  replaceCatalogDocuments,
} from '../services/catalogFile';
import { toCatalogYaml } from '../services/renderEventType';
import { defineInput, parseInput } from './inputs';
import { examples } from './publishLocal.examples';

const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

const inside = (directory: string, file: string) => {
  const rel = relative(directory, file);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
};

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const publishLocalInput = defineInput({
  sourcePath: z =>
    z
      .string({ description: 'Workspace path of the catalog YAML to publish' })
      .default('catalog-info.yaml'),
  targetPath: z =>
    z.string({
      description:
        'Path inside the local catalog directory to write a new file to, e.g. event-types/playlist-followed.yaml',
    }),
  entityRef: z =>
    z
      .string({
        description:
          'An entity already in the catalog: when it lives in a file of the local catalog directory, that file is updated instead',
      })
      .optional(),
});

/**
 * `dataplatform:publish:local`: the embedded default's stand-in for
 * `publish:github`. Writes catalog files into a directory that the catalog
 * reads through a `file` location (`dataPlatform.scaffolder.localCatalog.directory`),
 * so that registering an event type works with no git host at all. An
 * entity that already lives in a file there is updated in place.
 */
export function createPublishLocalAction(options: {
  catalog: CatalogService;
  directory?: string;
}) {
  const { catalog, directory } = options;
  return createTemplateAction({
    id: 'dataplatform:publish:local',
    description:
      'Publishes catalog files from the workspace into the local catalog directory (dataPlatform.scaffolder.localCatalog.directory) instead of a git host; updates an entity in place when it already lives there.',
    examples,
    supportsDryRun: true,
    schema: {
      input: publishLocalInput,
      output: {
        filePath: z =>
          z.string({ description: 'Absolute path of the file written' }),
        locationTarget: z =>
          z.string({
            description: 'The file as a catalog location, file:<path>',
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(publishLocalInput, ctx.input);
      if (!directory) {
        throw new InputError(
          'dataPlatform.scaffolder.localCatalog.directory is not set, so there is no local catalog to publish to; use publish:github (or another publish action) and catalog:register instead',
        );
      }
      const source = await readFile(
        resolveSafeChildPath(ctx.workspacePath, input.sourcePath),
        'utf8',
      );
      const entities = parseCatalogYaml(source, input.sourcePath);
      const refs = entities.map(e => stringifyEntityRef(e));

      let target = resolveSafeChildPath(directory, input.targetPath);
      if (input.entityRef) {
        const existing = await catalog.getEntityByRef(input.entityRef, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        const location = existing?.metadata.annotations?.[MANAGED_BY_LOCATION];
        if (location) {
          const managedFile = location.replace(/^file:/, '');
          if (
            !location.startsWith('file:') ||
            !inside(directory, managedFile)
          ) {
            throw new InputError(
              `${input.entityRef} comes from ${location}, outside the local catalog directory ${directory}; publish the change where it lives (in production: publish:github:pull-request)`,
            );
          }
          target = managedFile;
        }
      }

      const before = await readIfExists(target);
      let content = source;
      if (before !== undefined) {
        const there = parseCatalogYaml(before, target).map(e =>
          stringifyEntityRef(e),
        );
        const foreign = input.entityRef
          ? []
          : there.filter(ref => !refs.includes(ref));
        if (foreign.length > 0) {
          throw new ConflictError(
            `${target} already exists and holds ${foreign.join(
              ', ',
            )}; choose another name`,
          );
        }
        content = replaceCatalogDocuments(
          before,
          entities.map(entity => ({ entity, yaml: toCatalogYaml([entity]) })),
        );
      }

      if (ctx.isDryRun) {
        ctx.logger.info(`[dry run] would write ${target}:\n${content}`);
      } else {
        await ctx.checkpoint({
          key: `dataplatform-publish-local-${target}`,
          fn: async () => {
            await mkdir(dirname(target), { recursive: true });
            // Write and rename, so the catalog never reads half a file.
            const temporary = `${target}.${ctx.task.id}.tmp`;
            await writeFile(temporary, content, 'utf8');
            await rename(temporary, target);
          },
        });
        ctx.logger.info(
          `${before === undefined ? 'Wrote' : 'Updated'} ${target} (${refs.join(
            ', ',
          )})`,
        );
      }
      ctx.output('filePath', target);
      ctx.output('locationTarget', `file:${target}`);
    },
  });
}
