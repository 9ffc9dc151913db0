import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PII_CLASSIFICATIONS,
  SCHEMA_FIELD_ENTITY_KINDS,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { SchemaFieldSearch } from '../services/SchemaFieldIndex/SchemaFieldSearch';
import { ownerRef } from '../services/SchemaFieldIndex/ownerRef';
import { unstorableText } from '../database/storableText';

/**
 * `find-fields`: schema fields of event types and data endpoints found by
 * name or dotted path, as GET /fields answers them, only of the entities the
 * caller may read in the catalog.
 */
export function registerFindFieldsAction(deps: {
  actionsRegistry: ActionsRegistryService;
  search: SchemaFieldSearch;
}): void {
  deps.actionsRegistry.register({
    name: 'find-fields',
    title: 'Find schema fields by name',
    description:
      'Finds the schema fields (columns) of event types and data endpoints ' +
      'whose name or dotted path (like context.device.os) contains the query, ' +
      'fields named exactly the query first. Each result names its entity, ' +
      'owner, type, mode and PII classification. Answers which tables have ' +
      'a user_id, for example. Shows only entities the caller may read.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          query: z
            .string()
            .min(1)
            .max(200)
            .refine(q => !unstorableText(q), 'must be plain text')
            .describe('Part of a field name or dotted path, any case'),
          kind: z
            .enum(SCHEMA_FIELD_ENTITY_KINDS)
            .optional()
            .describe('Only fields of this kind of entity'),
          owner: z
            .string()
            .max(255)
            .refine(o => ownerRef(o) !== undefined, 'must be an entity ref')
            .optional()
            .describe(
              'Only entities this group owns, e.g. group:default/listening',
            ),
          pii: z
            .enum([...PII_CLASSIFICATIONS, 'personal'])
            .optional()
            .describe(
              "Only fields of this PII classification; 'personal' for any but none",
            ),
          limit: z.number().int().min(1).max(100).default(25),
          offset: z.number().int().min(0).max(10_000).default(0),
        }),
      output: z =>
        z.object({
          fields: z.array(
            z.object({
              path: z.string(),
              type: z.string(),
              mode: z.string(),
              description: z.string().optional(),
              pii: z.string(),
              entityRef: z.string(),
              entityKind: z.string(),
              entityTitle: z.string(),
              owner: z.string().optional(),
              schemaRef: z
                .string()
                .describe('The entity whose schema declares the field'),
            }),
          ),
          hasMore: z.boolean(),
        }),
    },
    examples: [
      {
        title: 'Which tables have a user_id?',
        input: { query: 'user_id', kind: 'DataEndpoint', limit: 25, offset: 0 },
      },
    ],
    action: async ({ input, credentials }) => {
      const { owner, ...rest } = input;
      const page = await deps.search.find(credentials, {
        ...rest,
        owner: owner ? ownerRef(owner) : undefined,
      });
      return {
        output: {
          fields: page.items.map(({ name: _name, ...field }) => field),
          hasMore: page.hasMore,
        },
      };
    },
  });
}
