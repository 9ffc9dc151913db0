import type { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_ENDPOINT_KIND,
  DataEndpointEntity,
  EVENT_TYPE_KIND,
  EventTypeEntity,
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  PIPELINE_KIND,
  PipelineEntity,
  ProvisioningCatalog,
  RELATION_HAS_EVENT_TYPE,
  RELATION_READS_FROM,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { chunk } from '../../database/chunk';

const PAGE = 500;
const ENTITY_FIELDS = [
  'kind',
  'apiVersion',
  'metadata.name',
  'metadata.namespace',
  'metadata.description',
  'spec',
];
const EMAIL_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.profile.email',
];

/** What the desired state is derived from, read from the catalog. */
export interface ProvisioningCatalogSource {
  /** Every endpoint, event type and pipeline: a full reconcile. */
  readAll(): Promise<ProvisioningCatalog>;
  /**
   * What one entity's resources derive from: the endpoints it concerns,
   * the event types they store with the other endpoints storing them
   * (deliveries pair them), and the pipelines reading their topics.
   * Undefined when the entity is not in the catalog.
   */
  readAround(entityRef: string): Promise<ProvisioningCatalog | undefined>;
}

/** Reads the catalog with the plugin's own credentials. */
export class ProvisioningCatalogReader implements ProvisioningCatalogSource {
  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
  ) {}

  async readAll(): Promise<ProvisioningCatalog> {
    const entities = await this.query({
      kind: [EVENT_TYPE_KIND, DATA_ENDPOINT_KIND, PIPELINE_KIND],
    });
    const emails = await this.query({ kind: ['Group', 'User'] }, EMAIL_FIELDS);
    return assemble(entities, emails);
  }

  async readAround(
    entityRef: string,
  ): Promise<ProvisioningCatalog | undefined> {
    const [entity] = await this.byRefs([entityRef], ENTITY_FIELDS);
    if (!entity) return undefined;
    let seeds: Entity[] = [];
    if (isEventTypeEntity(entity)) {
      seeds = await this.storing([entityRef]);
    } else if (isDataEndpointEntity(entity)) {
      seeds = [entity];
    } else if (isPipelineEntity(entity)) {
      const inputs = (entity.spec.inputs ?? []).map(ref =>
        stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: DATA_ENDPOINT_KIND,
            defaultNamespace: entity.metadata.namespace,
          }),
        ),
      );
      seeds = await this.byRefs(inputs, ENTITY_FIELDS);
    }
    const eventTypeRefs = new Set<string>(
      isEventTypeEntity(entity) ? [entityRef] : [],
    );
    for (const seed of seeds) {
      if (!isDataEndpointEntity(seed) || !seed.spec.schema?.eventType) continue;
      eventTypeRefs.add(
        stringifyEntityRef(
          parseEntityRef(seed.spec.schema.eventType, {
            defaultKind: EVENT_TYPE_KIND,
            defaultNamespace: seed.metadata.namespace,
          }),
        ),
      );
    }
    const eventTypes = await this.byRefs([...eventTypeRefs], ENTITY_FIELDS);
    const endpoints = unique([
      ...seeds,
      ...(await this.storing([...eventTypeRefs])),
    ]);
    const topics = endpoints
      .filter(e => isDataEndpointEntity(e) && e.spec.type === 'pubsub-topic')
      .map(e => stringifyEntityRef(e));
    const pipelines = topics.length
      ? await this.query({
          kind: PIPELINE_KIND,
          [`relations.${RELATION_READS_FROM}`]: topics,
        })
      : [];
    const entities = unique([...endpoints, ...eventTypes, ...pipelines]);
    const principals = new Set<string>();
    for (const e of entities) {
      const spec = (e as any).spec ?? {};
      for (const ref of [
        spec.owner,
        ...(spec.access?.readers ?? []),
        ...(spec.access?.writers ?? []),
      ]) {
        if (typeof ref !== 'string') continue;
        principals.add(
          stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'group',
              defaultNamespace: e.metadata.namespace,
            }),
          ),
        );
      }
    }
    const emails = await this.byRefs([...principals], EMAIL_FIELDS);
    return assemble(entities, emails);
  }

  private async credentials() {
    return { credentials: await this.deps.auth.getOwnServiceCredentials() };
  }

  private async storing(eventTypeRefs: string[]): Promise<Entity[]> {
    if (eventTypeRefs.length === 0) return [];
    return this.query({
      kind: DATA_ENDPOINT_KIND,
      [`relations.${RELATION_HAS_EVENT_TYPE}`]: eventTypeRefs,
    });
  }

  private async byRefs(refs: string[], fields: string[]): Promise<Entity[]> {
    const found: Entity[] = [];
    for (const batch of chunk(refs, 200)) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: batch, fields },
        await this.credentials(),
      );
      found.push(...items.filter((e): e is Entity => !!e));
    }
    return found;
  }

  private async query(
    filter: Record<string, string | string[]>,
    fields: string[] = ENTITY_FIELDS,
  ): Promise<Entity[]> {
    const found: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor
          ? { cursor, fields, limit: PAGE }
          : { filter, fields, limit: PAGE, totalItems: 'exclude' },
        await this.credentials(),
      );
      found.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return found;
  }
}

function unique(entities: Entity[]): Entity[] {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  return [...byRef.values()];
}

function assemble(
  entities: Entity[],
  principals: Entity[],
): ProvisioningCatalog {
  const endpoints: DataEndpointEntity[] = [];
  const eventTypes: EventTypeEntity[] = [];
  const pipelines: PipelineEntity[] = [];
  for (const entity of entities) {
    if (isDataEndpointEntity(entity)) endpoints.push(entity);
    else if (isEventTypeEntity(entity)) eventTypes.push(entity);
    else if (isPipelineEntity(entity)) pipelines.push(entity);
  }
  const emails = new Map<string, string>();
  for (const principal of principals) {
    const email = (principal as any).spec?.profile?.email;
    if (typeof email === 'string' && email) {
      emails.set(stringifyEntityRef(principal), email);
    }
  }
  return { endpoints, eventTypes, pipelines, emailOf: ref => emails.get(ref) };
}
