/*
 * Our processor's steps, one entity at a time, beside the entity policies the
 * catalog runs on every entity (Backstage's defaults: schema, namespace, root
 * fields, field formats) and the built-in kinds' processor: the CPU each
 * takes per entity of our kinds, and the relations ours emits, over a whole
 * preset in this thread. The catalog runs these steps among its database
 * work; here they run alone, so each is timed without the engine's
 * concurrency.
 */
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  makeValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { DataPlatformProcessor } from '@dataplatform/backstage-plugin-catalog-backend-module-data-platform';
import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';

export type StepTimes = {
  /** Entities of our kinds that went through the steps. */
  entities: number;
  /** Microseconds per entity, by step. */
  perEntityUs: Map<string, number>;
  /** Relations our processor emitted, by type. */
  relations: Map<string, number>;
  /** Entities our processor refused, with the first reason. */
  refused: { count: number; example?: string };
};

function memoryCache(): CatalogProcessorCache {
  const values = new Map<string, unknown>();
  return {
    async get<T>(key: string) {
      return values.get(key) as T | undefined;
    },
    async set(key: string, value: unknown) {
      values.set(key, value);
    },
  };
}

/** Times the steps over `entities`, `rounds` times; the last round counts. */
export async function timeProcessorSteps(
  entities: Entity[],
  rounds = 2,
): Promise<StepTimes> {
  const ours = entities.filter(e => e.apiVersion.startsWith('dataplatform.'));
  // The event types' fields, as the module's lookup reads them from the
  // catalog (there once a minute per event type, over HTTP).
  const fields = new Map<string, SchemaField[]>();
  for (const e of ours) {
    if (e.kind === 'EventType') {
      fields.set(
        `eventtype:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
        (e.spec as any).schema.fields,
      );
    }
  }
  const processor = new DataPlatformProcessor({
    dependencyRelations: false,
    eventTypeFields: async ref => fields.get(ref),
  });
  const builtin = new BuiltinKindsEntityProcessor();
  const policies = EntityPolicies.allOf([
    new SchemaValidEntityPolicy(),
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(makeValidator()),
  ]);
  const location: LocationSpec = { type: 'url', target: 'https://example.com' };

  let result: StepTimes | undefined;
  for (let round = 0; round < rounds; round++) {
    const totals = new Map<string, number>();
    const add = (step: string, since: number) =>
      totals.set(step, (totals.get(step) ?? 0) + performance.now() - since);
    const relations = new Map<string, number>();
    const refused: StepTimes['refused'] = { count: 0 };
    for (const entity of ours) {
      const cache = memoryCache();
      let t = performance.now();
      const enforced = (await policies.enforce(entity)) ?? entity;
      add("catalog's entity policies", t);
      t = performance.now();
      await builtin.validateEntityKind(enforced);
      add('BuiltinKindsEntityProcessor.validateEntityKind', t);
      t = performance.now();
      try {
        await processor.validateEntityKind(enforced);
      } catch (error) {
        refused.count += 1;
        refused.example ??= String(error).slice(0, 200);
        continue;
      }
      add('DataPlatformProcessor.validateEntityKind', t);
      const emitted: CatalogProcessorResult[] = [];
      t = performance.now();
      await processor.postProcessEntity(
        enforced,
        location,
        r => emitted.push(r),
        cache,
      );
      add('DataPlatformProcessor.postProcessEntity', t);
      for (const r of emitted) {
        if (r.type === 'relation') {
          relations.set(
            r.relation.type,
            (relations.get(r.relation.type) ?? 0) + 1,
          );
        }
      }
    }
    result = {
      entities: ours.length,
      perEntityUs: new Map(
        [...totals].map(([step, ms]) => [step, (ms / ours.length) * 1000]),
      ),
      relations,
      refused,
    };
  }
  return result!;
}
