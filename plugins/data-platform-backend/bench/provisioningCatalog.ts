/*
 * The provisioning benchmark's catalog: a generated platform held in
 * memory behind the engine's catalog source, read the way the catalog
 * reader reads the real catalog (everything for a reconcile; for one
 * entity, the endpoints, event types and pipelines its resources derive
 * from), and a new event type registered into it as the Register template
 * does: the event type, its landing topic and its raw table.
 */
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DATA_ENDPOINT_KIND,
  DataEndpointEntity,
  EVENT_TYPE_KIND,
  EventTypeEntity,
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  PipelineEntity,
  ProvisioningCatalog,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ProvisioningCatalogSource } from '../src/services/Provisioning/ProvisioningCatalogReader';

const fullRef = (entity: Entity, ref: string, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );

const push = <K, V>(index: Map<K, V[]>, key: K, value: V) => {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
};

/** A catalog source over entities in memory, indexed as the catalog's relations would be. */
export class BenchProvisioningCatalog implements ProvisioningCatalogSource {
  private readonly byRef = new Map<string, Entity>();
  private readonly emails = new Map<string, string>();
  private readonly storing = new Map<string, DataEndpointEntity[]>();
  private readonly readersOf = new Map<string, PipelineEntity[]>();

  constructor(entities: Entity[]) {
    this.register(entities);
  }

  /** Adds entities, as registering their catalog file would. */
  register(entities: Entity[]): void {
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      this.byRef.set(ref, entity);
      const email = (entity as any).spec?.profile?.email;
      if (typeof email === 'string') this.emails.set(ref, email);
      if (isDataEndpointEntity(entity) && entity.spec.schema?.eventType) {
        push(
          this.storing,
          fullRef(entity, entity.spec.schema.eventType, EVENT_TYPE_KIND),
          entity,
        );
      }
      if (isPipelineEntity(entity)) {
        for (const input of entity.spec.inputs ?? []) {
          push(
            this.readersOf,
            fullRef(entity, input, DATA_ENDPOINT_KIND),
            entity,
          );
        }
      }
    }
  }

  async readAll(): Promise<ProvisioningCatalog> {
    const all = [...this.byRef.values()];
    return {
      endpoints: all.filter(isDataEndpointEntity),
      eventTypes: all.filter(isEventTypeEntity),
      pipelines: all.filter(isPipelineEntity),
      emailOf: ref => this.emails.get(ref),
    };
  }

  async readAround(
    entityRef: string,
  ): Promise<ProvisioningCatalog | undefined> {
    const entity = this.byRef.get(entityRef);
    if (!entity) return undefined;
    let seeds: DataEndpointEntity[] = [];
    if (isEventTypeEntity(entity)) seeds = this.storing.get(entityRef) ?? [];
    else if (isDataEndpointEntity(entity)) seeds = [entity];
    else if (isPipelineEntity(entity)) {
      seeds = (entity.spec.inputs ?? [])
        .map(input =>
          this.byRef.get(fullRef(entity, input, DATA_ENDPOINT_KIND)),
        )
        .filter((e): e is DataEndpointEntity => !!e && isDataEndpointEntity(e));
    }
    const eventTypeRefs = new Set<string>(
      isEventTypeEntity(entity) ? [entityRef] : [],
    );
    for (const seed of seeds) {
      if (seed.spec.schema?.eventType) {
        eventTypeRefs.add(
          fullRef(seed, seed.spec.schema.eventType, EVENT_TYPE_KIND),
        );
      }
    }
    const endpoints = new Map<string, DataEndpointEntity>();
    for (const e of [
      ...seeds,
      ...[...eventTypeRefs].flatMap(r => this.storing.get(r) ?? []),
    ]) {
      endpoints.set(stringifyEntityRef(e), e);
    }
    const pipelines = new Map<string, PipelineEntity>();
    for (const [ref, endpoint] of endpoints) {
      if (endpoint.spec.type !== 'pubsub-topic') continue;
      for (const p of this.readersOf.get(ref) ?? [])
        pipelines.set(stringifyEntityRef(p), p);
    }
    return {
      endpoints: [...endpoints.values()],
      eventTypes: [...eventTypeRefs]
        .map(ref => this.byRef.get(ref))
        .filter((e): e is EventTypeEntity => !!e && isEventTypeEntity(e)),
      pipelines: [...pipelines.values()],
      emailOf: ref => this.emails.get(ref),
    };
  }
}

/**
 * A new event type as the Register template writes it, modelled on a
 * generated one (its schema, owner, landing topic and raw table), under a
 * name of its own.
 */
export function registeredEventType(
  entities: Entity[],
  name: string,
): { eventType: EventTypeEntity; entities: Entity[] } {
  const model = entities.find(isEventTypeEntity)!;
  const modelRef = stringifyEntityRef(model);
  const landing = entities
    .filter(isDataEndpointEntity)
    .filter(
      e =>
        e.spec.schema?.eventType &&
        fullRef(e, e.spec.schema.eventType, EVENT_TYPE_KIND) === modelRef,
    );
  const topic = landing.find(e => e.spec.type === 'pubsub-topic')!;
  const raw = landing.find(e => e.spec.type === 'bigquery-table')!;
  const eventType: EventTypeEntity = {
    ...model,
    metadata: { ...model.metadata, name, title: name },
  };
  const eventTypeRef = stringifyEntityRef(eventType);
  const endpoint = (
    base: DataEndpointEntity,
    suffix: string,
    location: DataEndpointEntity['spec']['location'],
  ): DataEndpointEntity => ({
    ...base,
    metadata: { ...base.metadata, name: `${name}-${suffix}`, title: undefined },
    spec: { ...base.spec, location, schema: { eventType: eventTypeRef } },
  });
  return {
    eventType,
    entities: [
      eventType,
      endpoint(topic, 'topic', { ...topic.spec.location, topic: name }),
      endpoint(raw, 'raw', {
        ...raw.spec.location,
        table: name.replace(/-/g, '_'),
      }),
    ],
  };
}
