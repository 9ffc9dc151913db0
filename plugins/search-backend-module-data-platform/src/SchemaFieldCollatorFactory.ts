import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  SCHEMA_FIELD_DOCUMENT_TYPE,
  SCHEMA_FIELD_QUERY_PARAM,
  SchemaFieldDocumentsResponse,
  SchemaFieldHit,
  SchemaFieldSearchDocument,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Readable } from 'node:stream';

/** A schema field's search document, with the entity search checks reads of. */
export type IndexableSchemaFieldDocument = SchemaFieldSearchDocument & {
  authorization: { resourceRef: string };
};

/**
 * Collates every schema field of event types and data endpoints into search
 * documents of type `data-platform-field`, reading the data-platform
 * backend's field index a page at a time. The index follows the catalog
 * incrementally, so a collation reads rows, not the catalog. Search shows a
 * user a field only if they may read its entity in the catalog.
 */
export class SchemaFieldCollatorFactory implements DocumentCollatorFactory {
  readonly type = SCHEMA_FIELD_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      /** Fields per request to the data-platform backend. */
      pageSize?: number;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<IndexableSchemaFieldDocument> {
    const { discovery, auth, logger } = this.options;
    const baseUrl = await discovery.getBaseUrl('data-platform');
    const pageSize = this.options.pageSize ?? 1000;
    let after: string | undefined;
    let count = 0;
    do {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'data-platform',
      });
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (after) params.set('after', after);
      const response = await fetch(`${baseUrl}/fields/documents?${params}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const page = (await response.json()) as SchemaFieldDocumentsResponse;
      for (const field of page.items) {
        count++;
        yield toSearchDocument(field);
      }
      after = page.nextCursor;
    } while (after);
    logger.info(`Collated ${count} schema fields for search`);
  }
}

/** A field as its search document: the entity page opened at the field. */
export function toSearchDocument(
  field: SchemaFieldHit,
): IndexableSchemaFieldDocument {
  const { kind, namespace, name } = parseEntityRef(field.entityRef);
  const page = [namespace, kind, name].map(encodeURIComponent).join('/');
  return {
    title: field.path,
    text: [field.description, field.type].filter(Boolean).join(' '),
    location: `/catalog/${page}?${SCHEMA_FIELD_QUERY_PARAM}=${encodeURIComponent(
      field.path,
    )}`,
    path: field.path,
    type: field.type,
    mode: field.mode,
    pii: field.pii,
    kind: field.entityKind,
    owner: field.owner ?? '',
    entityRef: field.entityRef,
    entityTitle: field.entityTitle,
    authorization: { resourceRef: field.entityRef },
  };
}
