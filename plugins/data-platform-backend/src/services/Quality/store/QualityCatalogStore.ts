import {
  FieldStats,
  fieldStats,
  PartitionGranularity,
  QualityCheck,
  SchemaField,
  TableAddress,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { chunk } from '../../../database/chunk';

const ENDPOINTS = 'quality_endpoints';
const EVENT_TYPES = 'quality_event_types';
const BATCH = 200;

/** What quality keeps of a DataEndpoint. */
export type QualityEndpointRecord = {
  kind: 'endpoint';
  entityRef: string;
  etag: string;
  title: string;
  owner: string;
  system?: string;
  type: string;
  address?: Required<TableAddress>;
  partitioning?: {
    granularity: Exclude<PartitionGranularity, 'NONE'>;
    field?: string;
  };
  checks: QualityCheck[];
  /** Its own fields; unset when it stores an event type. */
  fields?: SchemaField[];
  eventTypeRef?: string;
  writers: string[];
  consumers: number;
  openLineage?: { namespace: string; name: string };
};

/** What quality keeps of an EventType: the fields endpoints storing it have. */
export type QualityEventTypeRecord = {
  kind: 'eventtype';
  entityRef: string;
  etag: string;
  fields: SchemaField[];
};

/** An endpoint with its fields resolved (its own, or its event type's). */
export type QualityEndpoint = Omit<QualityEndpointRecord, 'kind' | 'etag'> & {
  fields?: SchemaField[];
};

const parsed = <T>(text: string | null): T | undefined =>
  text ? (JSON.parse(text) as T) : undefined;

function toEndpoint(
  row: any,
  eventTypeFields?: string | null,
): QualityEndpoint {
  const endpoint: QualityEndpoint = {
    entityRef: row.entity_ref,
    title: row.title,
    owner: row.owner,
    type: row.type,
    checks: JSON.parse(row.checks),
    writers: JSON.parse(row.writers),
    consumers: Number(row.consumers),
  };
  if (row.system) endpoint.system = row.system;
  const address = parsed<Required<TableAddress>>(row.address);
  if (address) endpoint.address = address;
  const partitioning = parsed<QualityEndpoint['partitioning']>(
    row.partitioning,
  );
  if (partitioning) endpoint.partitioning = partitioning;
  if (row.event_type_ref) endpoint.eventTypeRef = row.event_type_ref;
  const fields = parsed<SchemaField[]>(row.fields ?? eventTypeFields ?? null);
  if (fields) endpoint.fields = fields;
  if (row.ol_namespace && row.ol_name) {
    endpoint.openLineage = { namespace: row.ol_namespace, name: row.ol_name };
  }
  return endpoint;
}

function statsColumns(fields: SchemaField[] | undefined) {
  const stats = fields ? fieldStats(fields) : undefined;
  return {
    field_total: stats?.total ?? null,
    field_documented: stats?.documented ?? null,
    field_classified: stats?.classified ?? null,
  };
}

/** What a score needs of an endpoint. */
export type ScoringEndpoint = {
  entityRef: string;
  owner: string;
  writers: string[];
  fieldStats?: FieldStats;
};

/** The endpoints and event types quality follows, kept in step with the catalog. */
export class QualityCatalogStore {
  constructor(private readonly db: Knex) {}

  private tableOf(kind: string) {
    return kind === 'eventtype' ? EVENT_TYPES : ENDPOINTS;
  }

  async etags(kinds?: string[]): Promise<Map<string, string>> {
    const etags = new Map<string, string>();
    for (const kind of kinds ?? ['dataendpoint', 'eventtype']) {
      const rows = await this.db(this.tableOf(kind)).select(
        'entity_ref',
        'etag',
      );
      rows.forEach(r => etags.set(r.entity_ref, r.etag));
    }
    return etags;
  }

  async etagsOf(refs: string[]): Promise<Map<string, string>> {
    const etags = new Map<string, string>();
    for (const table of [ENDPOINTS, EVENT_TYPES]) {
      for (const batch of chunk(refs, BATCH)) {
        const rows = await this.db(table)
          .select('entity_ref', 'etag')
          .whereIn('entity_ref', batch);
        rows.forEach(r => etags.set(r.entity_ref, r.etag));
      }
    }
    return etags;
  }

  async count(kinds: string[]): Promise<number> {
    let total = 0;
    for (const kind of kinds) {
      const [{ count }] = await this.db(this.tableOf(kind)).count({
        count: '*',
      });
      total += Number(count);
    }
    return total;
  }

  async put(
    records: Array<QualityEndpointRecord | QualityEventTypeRecord>,
  ): Promise<void> {
    const endpoints = records.filter(
      (r): r is QualityEndpointRecord => r.kind === 'endpoint',
    );
    const eventTypes = records.filter(
      (r): r is QualityEventTypeRecord => r.kind === 'eventtype',
    );
    for (const batch of chunk(endpoints, BATCH)) {
      await this.db(ENDPOINTS)
        .insert(
          batch.map(r => ({
            entity_ref: r.entityRef,
            etag: r.etag,
            title: r.title,
            owner: r.owner,
            system: r.system ?? null,
            type: r.type,
            address: r.address ? JSON.stringify(r.address) : null,
            partitioning: r.partitioning
              ? JSON.stringify(r.partitioning)
              : null,
            checks: JSON.stringify(r.checks),
            fields: r.fields ? JSON.stringify(r.fields) : null,
            ...statsColumns(r.fields),
            event_type_ref: r.eventTypeRef ?? null,
            writers: JSON.stringify(r.writers),
            consumers: r.consumers,
            ol_namespace: r.openLineage?.namespace ?? null,
            ol_name: r.openLineage?.name ?? null,
          })),
        )
        .onConflict('entity_ref')
        .merge();
    }
    for (const batch of chunk(eventTypes, BATCH)) {
      await this.db(EVENT_TYPES)
        .insert(
          batch.map(r => ({
            entity_ref: r.entityRef,
            etag: r.etag,
            fields: JSON.stringify(r.fields),
            ...statsColumns(r.fields),
          })),
        )
        .onConflict('entity_ref')
        .merge();
    }
  }

  async remove(refs: string[]): Promise<void> {
    for (const table of [ENDPOINTS, EVENT_TYPES]) {
      for (const batch of chunk(refs, BATCH)) {
        await this.db(table).whereIn('entity_ref', batch).delete();
      }
    }
  }

  private endpointQuery() {
    return this.db(`${ENDPOINTS} as e`)
      .leftJoin(`${EVENT_TYPES} as t`, 't.entity_ref', 'e.event_type_ref')
      .select('e.*', 't.fields as event_type_fields');
  }

  async endpoint(entityRef: string): Promise<QualityEndpoint | undefined> {
    const row = await this.endpointQuery()
      .where('e.entity_ref', entityRef)
      .first();
    return row ? toEndpoint(row, row.event_type_fields) : undefined;
  }

  async endpoints(refs: string[]): Promise<Map<string, QualityEndpoint>> {
    const found = new Map<string, QualityEndpoint>();
    for (const batch of chunk(refs, 500)) {
      for (const row of await this.endpointQuery().whereIn(
        'e.entity_ref',
        batch,
      )) {
        found.set(row.entity_ref, toEndpoint(row, row.event_type_fields));
      }
    }
    return found;
  }

  /**
   * What ingestion needs of these endpoints: their checks and partitioning,
   * without the fields (often kilobytes of JSON) that `endpoints` parses.
   */
  async checksOf(
    refs: string[],
  ): Promise<
    Map<string, Pick<QualityEndpoint, 'entityRef' | 'checks' | 'partitioning'>>
  > {
    const found = new Map<
      string,
      Pick<QualityEndpoint, 'entityRef' | 'checks' | 'partitioning'>
    >();
    for (const batch of chunk(refs, 500)) {
      const rows = await this.db(ENDPOINTS)
        .select('entity_ref', 'checks', 'partitioning')
        .whereIn('entity_ref', batch);
      for (const row of rows) {
        const partitioning = parsed<QualityEndpoint['partitioning']>(
          row.partitioning,
        );
        found.set(row.entity_ref, {
          entityRef: row.entity_ref,
          checks: JSON.parse(row.checks),
          ...(partitioning ? { partitioning } : {}),
        });
      }
    }
    return found;
  }

  /** Every endpoint, with its fields (each event type's parsed once). */
  async allEndpoints(): Promise<QualityEndpoint[]> {
    const eventTypes = new Map<string, SchemaField[]>();
    for (const row of await this.db(EVENT_TYPES).select(
      'entity_ref',
      'fields',
    )) {
      eventTypes.set(row.entity_ref, JSON.parse(row.fields));
    }
    const rows = await this.db(ENDPOINTS).select();
    return rows.map(row => {
      const endpoint = toEndpoint(row);
      const shared = row.event_type_ref
        ? eventTypes.get(row.event_type_ref)
        : undefined;
      return shared ? { ...endpoint, fields: shared } : endpoint;
    });
  }

  /**
   * What scores need of every endpoint: owner, writers and the counts of
   * its fields (its own or its event type's), without parsing schemas.
   */
  async scoringEndpoints(): Promise<ScoringEndpoint[]> {
    const rows = await this.db(`${ENDPOINTS} as e`)
      .leftJoin(`${EVENT_TYPES} as t`, 't.entity_ref', 'e.event_type_ref')
      .select(
        'e.entity_ref',
        'e.owner',
        'e.writers',
        this.db.raw('coalesce(e.field_total, t.field_total) as total'),
        this.db.raw(
          'coalesce(e.field_documented, t.field_documented) as documented',
        ),
        this.db.raw(
          'coalesce(e.field_classified, t.field_classified) as classified',
        ),
      );
    return rows.map((r: any) => ({
      entityRef: r.entity_ref,
      owner: r.owner,
      writers: JSON.parse(r.writers),
      ...(r.total !== null && r.total !== undefined
        ? {
            fieldStats: {
              total: Number(r.total),
              documented: Number(r.documented),
              classified: Number(r.classified),
            },
          }
        : {}),
    }));
  }

  /** Refs of the endpoints an owner owns. */
  async endpointsOwnedBy(owner: string): Promise<string[]> {
    const rows = await this.db(ENDPOINTS)
      .select('entity_ref')
      .where('owner', owner)
      .orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Endpoints an OpenLineage dataset identity names. One lookup per batch
   * of names through the (namespace, name) index, as `IN` lists rather than
   * a chain of `OR`s (which the database plans pair by pair); the few
   * pairs the lists match beyond those asked for are dropped here.
   */
  async endpointsNamed(
    names: { namespace: string; name: string }[],
  ): Promise<Map<string, string[]>> {
    const key = (namespace: string, name: string) =>
      `${namespace}\u0000${name}`;
    const wanted = new Set(names.map(n => key(n.namespace, n.name)));
    const found = new Map<string, string[]>();
    for (const batch of chunk(names, 500)) {
      const rows = await this.db(ENDPOINTS)
        .select('entity_ref', 'ol_namespace', 'ol_name')
        .whereIn('ol_namespace', [...new Set(batch.map(n => n.namespace))])
        .whereIn('ol_name', [...new Set(batch.map(n => n.name))]);
      for (const row of rows) {
        const k = key(row.ol_namespace, row.ol_name);
        if (!wanted.has(k)) continue;
        const refs = found.get(k) ?? [];
        if (!refs.includes(row.entity_ref)) refs.push(row.entity_ref);
        found.set(k, refs);
      }
    }
    return found;
  }
}
