import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { isError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AffectedConsumer,
  ConsumersByField,
  describeConsumerPath,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type {
  CatalogReadAccess,
  UnreadableEntities,
} from '../services/CatalogReadAccess';
import type { FieldConsumersQuery } from '../services/SchemaChanges/FieldConsumersQuery';
import { entityRefOf, text, Z } from './actionInputs';

/** `spec.owner` as a full ref: a bare name is a group in `default`. */
export function ownerRefOf(owner: unknown): string | undefined {
  if (typeof owner !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'Group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The entity as the caller may read it in the catalog, or not found. */
export async function readableEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
) {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
  return entity;
}

/** A consumer as an assistant reads it: who, owned by whom, and how. */
export const consumerSchema = (z: Z) =>
  z.object({
    id: z.string().describe('Entity ref or OpenLineage id of the reader'),
    kind: z.string(),
    title: z.string(),
    owner: z.string().optional(),
    evidence: z
      .enum(['column', 'endpoint'])
      .describe(
        'column: column lineage shows it reads the field; endpoint: it reads the table and no column lineage says which fields',
      ),
    path: z
      .string()
      .describe(
        'How it reads the field: endpoint#column -> the columns derived from it',
      ),
    columns: z
      .array(z.string())
      .optional()
      .describe('The columns it derives from the field, as node#column'),
  });

export function toConsumer(c: AffectedConsumer) {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    ...(c.owner ? { owner: c.owner } : {}),
    evidence: c.evidence,
    path: describeConsumerPath(c),
    ...(c.columns ? { columns: c.columns } : {}),
  };
}

/**
 * What reads each of `paths`; none when the lineage index does not know the
 * entity yet (the catalog has it, no sync has reached the index).
 */
export async function consumersOrNone(
  consumers: FieldConsumersQuery,
  entityRef: string,
  paths: string[],
  unreadable: UnreadableEntities,
): Promise<ConsumersByField> {
  try {
    return await consumers.consumersOf(entityRef, paths, unreadable);
  } catch (error) {
    if (isError(error) && error.name === 'NotFoundError') return {};
    throw error;
  }
}

const inputSchema = (z: Z) =>
  z.object({
    entityRef: entityRefOf(
      z,
      ['EventType', 'DataEndpoint'],
      'The event type (eventtype:default/track-played) or data endpoint (dataendpoint:default/plays-raw) whose fields are read',
      'eventtype:default/track-played',
    ),
    paths: z
      .array(
        text(
          z,
          1024,
          'A dotted field path, e.g. context.device.os; a record covers the fields nested in it',
        ),
        { description: 'The fields to ask about, 1 to 100' },
      )
      .min(1, 'must name at least one field')
      .max(100, 'must name at most 100 fields'),
  });

const outputSchema = (z: Z) =>
  z.object({
    entityRef: z.string(),
    owner: z
      .string()
      .optional()
      .describe('Owner of the event type or endpoint'),
    fields: z.array(
      z.object({
        path: z.string(),
        consumers: z.array(consumerSchema(z)),
      }),
    ),
  });

/**
 * `get-field-consumers`: who reads given fields of an event type or data
 * endpoint, from endpoint and column lineage (the consumer impact the
 * schema editor and the scaffolder's gate use), as the caller may see it.
 */
export function registerGetFieldConsumersAction(
  registry: ActionsRegistryService,
  services: {
    catalog: CatalogService;
    reads: CatalogReadAccess;
    consumers: FieldConsumersQuery;
  },
) {
  const { catalog, reads, consumers } = services;
  registry.register({
    name: 'get-field-consumers',
    title: 'Find who reads a field',
    description: `Lists the downstream consumers (pipelines, jobs and the datasets they write) that read given fields of an event type or data endpoint, with each consumer's owner and the path by which it reads the field (endpoint#column -> derived columns). Evidence "column" means OpenLineage column lineage shows it reads that field; "endpoint" means it reads the table and no column lineage says which fields, so it may read any. Use it before removing, renaming or retyping a field, or to find whom to tell about a change. Consumers the caller may not read in the catalog are left out.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: inputSchema, output: outputSchema },
    examples: [
      {
        title: 'What reads the device OS of Track Played?',
        input: {
          entityRef: 'eventtype:default/track-played',
          paths: ['context.device.os'],
        },
      },
    ],
    async action({ input, credentials }) {
      const entity = await readableEntity(
        catalog,
        input.entityRef,
        credentials,
      );
      const owner = ownerRefOf(
        (entity.spec as { owner?: unknown } | undefined)?.owner,
      );
      const byField = await consumersOrNone(
        consumers,
        input.entityRef,
        input.paths,
        await reads.forCaller(credentials),
      );
      return {
        output: {
          entityRef: stringifyEntityRef(entity),
          ...(owner ? { owner } : {}),
          fields: [...new Set(input.paths)].map(path => ({
            path,
            consumers: (byField[path] ?? []).map(toConsumer),
          })),
        },
      };
    },
  });
}
