/*
 * An in-memory catalog for benches at the spotify preset. Backstage's
 * InMemoryCatalogClient flattens every entity into search rows on every
 * query page and rebuilds its ref map on every fetch by ref, so a full
 * listing of 70,000 entities costs it a pass over all of them per page of
 * 1,000: the figures would be the mock's quadratic work. This one answers
 * the calls a catalog mirror makes (pages of one or more kinds, optionally
 * ordered by one field; entities by ref; the kind facet) from lists sorted
 * once per catalog, as the real catalog answers them from its indexed search
 * table. Anything else falls through to the stock client.
 */
import {
  GetEntitiesByRefsRequest,
  GetEntitiesByRefsResponse,
  GetEntityFacetsRequest,
  GetEntityFacetsResponse,
  QueryEntitiesRequest,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

type Order = { field: string; order: 'asc' | 'desc' };
type Listing = { kinds: string[]; order?: Order };

const ANNOTATIONS = 'metadata.annotations.';

function valueAt(entity: Entity, field: string): string | undefined {
  if (field.startsWith(ANNOTATIONS)) {
    return entity.metadata.annotations?.[field.slice(ANNOTATIONS.length)];
  }
  let value: any = entity;
  for (const part of field.split('.')) value = value?.[part];
  return value === undefined || value === null ? undefined : String(value);
}

/** The kinds of a `{ kind: ... }` filter, else undefined (not answered here). */
function kindsOf(filter: unknown): string[] | undefined {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    return undefined;
  }
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== 'kind') return undefined;
  const kind = (filter as { kind: string | string[] }).kind;
  return [kind].flat().map(k => k.toLocaleLowerCase('en-US'));
}

export class IndexedCatalog extends InMemoryCatalogClient {
  private readonly all: Entity[];
  private readonly byRef: Map<string, Entity>;
  private readonly listings = new Map<string, Entity[]>();

  constructor(options: { entities: Entity[] }) {
    super(options);
    this.all = options.entities;
    this.byRef = new Map(this.all.map(e => [stringifyEntityRef(e), e]));
  }

  private listing({ kinds, order }: Listing): Entity[] {
    const key = JSON.stringify([kinds, order]);
    let list = this.listings.get(key);
    if (!list) {
      const keyed = this.all
        .filter(e => kinds.includes(e.kind.toLocaleLowerCase('en-US')))
        .map(e => ({
          e,
          ref: stringifyEntityRef(e),
          value: order && valueAt(e, order.field)?.toLocaleLowerCase('en-US'),
        }));
      const direction = order?.order === 'desc' ? -1 : 1;
      keyed.sort((a, b) => {
        if (a.value !== b.value) {
          // Entities without the field come last either way, as in the catalog.
          if (a.value === undefined) return 1;
          if (b.value === undefined) return -1;
          return a.value < b.value ? -direction : direction;
        }
        return a.ref < b.ref ? -1 : 1;
      });
      list = keyed.map(k => k.e);
      this.listings.set(key, list);
    }
    return list;
  }

  async queryEntities(
    request?: QueryEntitiesRequest,
  ): Promise<QueryEntitiesResponse> {
    let listing: Listing;
    let offset = 0;
    if (request && 'cursor' in request) {
      const cursor = JSON.parse(
        Buffer.from(request.cursor, 'base64').toString(),
      );
      if (!cursor.indexed) return super.queryEntities(request);
      ({ listing, offset } = cursor);
    } else {
      const kinds = kindsOf(request?.filter);
      const orders = [request?.orderFields ?? []].flat();
      if (
        !kinds ||
        orders.length > 1 ||
        request?.query ||
        request?.fullTextFilter ||
        request?.offset
      ) {
        return super.queryEntities(request);
      }
      listing = { kinds, order: orders[0] };
    }
    const list = this.listing(listing);
    const limit = request?.limit ?? list.length;
    const next = offset + limit;
    return {
      items: list.slice(offset, next),
      totalItems: list.length,
      pageInfo:
        next < list.length
          ? {
              nextCursor: Buffer.from(
                JSON.stringify({ indexed: true, listing, offset: next }),
              ).toString('base64'),
            }
          : {},
    };
  }

  async getEntitiesByRefs(
    request: GetEntitiesByRefsRequest,
  ): Promise<GetEntitiesByRefsResponse> {
    if (request.filter) return super.getEntitiesByRefs(request);
    return { items: request.entityRefs.map(ref => this.byRef.get(ref)) };
  }

  async getEntityFacets(
    request: GetEntityFacetsRequest,
  ): Promise<GetEntityFacetsResponse> {
    const kinds = kindsOf(request.filter);
    if (!kinds || request.facets.length !== 1 || request.facets[0] !== 'kind') {
      return super.getEntityFacets(request);
    }
    const counts = new Map<string, number>();
    for (const e of this.listing({ kinds })) {
      counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    }
    return {
      facets: {
        kind: [...counts].map(([value, count]) => ({ value, count })),
      },
    };
  }
}
