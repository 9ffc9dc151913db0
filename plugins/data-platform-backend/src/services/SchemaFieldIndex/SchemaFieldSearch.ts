import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { SchemaFieldSearchResponse } from '@dataplatform/backstage-plugin-data-platform-common';
import { CatalogReadAccess } from '../CatalogReadAccess';
import {
  DatabaseSchemaFieldStore,
  SchemaFieldQuery,
} from './DatabaseSchemaFieldStore';

// Matches read per round while the caller's readable ones fill the page.
const SCAN_BATCH = 500;
// At most this many matches are read for one page: a caller who may read few
// of many matching entities gets fewer results rather than a scan of all.
const MAX_SCANNED = 20_000;

/**
 * Finds fields by name or path for one caller: only fields of entities the
 * catalog shows them (see CatalogReadAccess), a page of those at a time.
 */
export class SchemaFieldSearch {
  constructor(
    private readonly deps: {
      store: DatabaseSchemaFieldStore;
      access: CatalogReadAccess;
    },
  ) {}

  async find(
    credentials: BackstageCredentials,
    query: SchemaFieldQuery,
  ): Promise<SchemaFieldSearchResponse> {
    const { store, access } = this.deps;
    const { limit, offset } = query;
    const unreadable = await access.forCaller(credentials);
    // One more than the page tells whether there is a next one.
    const wanted = offset + limit + 1;
    const visible = [];
    let scanned = 0;
    while (visible.length < wanted && scanned < MAX_SCANNED) {
      const batch = Math.max(SCAN_BATCH, wanted);
      const hits = await store.search({
        ...query,
        limit: batch,
        offset: scanned,
      });
      scanned += hits.length;
      const hidden = await unreadable([...new Set(hits.map(h => h.entityRef))]);
      visible.push(...hits.filter(h => !hidden.has(h.entityRef)));
      if (hits.length < batch) break;
    }
    return {
      items: visible.slice(offset, offset + limit),
      offset,
      limit,
      hasMore: visible.length > offset + limit,
    };
  }
}
