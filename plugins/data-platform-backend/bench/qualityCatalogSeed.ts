/*
 * Quality's catalog copy for the quality benchmarks: a generated
 * platform's endpoints and event types as the catalog sync would write
 * them, with the relations the catalog module's processor would add.
 */
import {
  buildPlatform,
  generatePlatformEntities,
} from '@dataplatform/data-platform-generator';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  isDataEndpointEntity,
  isEventTypeEntity,
  isPipelineEntity,
  RELATION_READ_BY,
  RELATION_WRITTEN_BY,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { Knex } from 'knex';
import { toQualityRecord } from '../src/services/Quality/catalog/QualityCatalogSync';
import { QualityCatalogStore } from '../src/services/Quality/store/QualityCatalogStore';

/** Writes the platform's endpoints and event types into quality's catalog copy. */
export async function seedQualityCatalog(
  db: Knex,
  platform: ReturnType<typeof buildPlatform>,
): Promise<QualityCatalogStore> {
  const catalog = new QualityCatalogStore(db);
  const entities = [...generatePlatformEntities(platform)];
  const relations = new Map<string, { type: string; targetRef: string }[]>();
  for (const entity of entities) {
    if (!isPipelineEntity(entity)) continue;
    const pipelineRef = stringifyEntityRef(entity);
    for (const [refs, type] of [
      [entity.spec.outputs, RELATION_WRITTEN_BY],
      [entity.spec.inputs, RELATION_READ_BY],
    ] as const) {
      for (const ref of refs ?? []) {
        const endpointRef = stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'dataendpoint',
            defaultNamespace: entity.metadata.namespace,
          }),
        );
        const list = relations.get(endpointRef) ?? [];
        list.push({ type, targetRef: pipelineRef });
        relations.set(endpointRef, list);
      }
    }
  }
  const records = [];
  for (const entity of entities) {
    if (!isDataEndpointEntity(entity) && !isEventTypeEntity(entity)) continue;
    const record = toQualityRecord({
      ...entity,
      metadata: { ...entity.metadata, etag: 'bench' },
      relations: relations.get(stringifyEntityRef(entity)) ?? [],
    });
    if (record) records.push(record);
  }
  for (let i = 0; i < records.length; i += 2000) {
    await catalog.put(records.slice(i, i + 2000));
  }
  return catalog;
}
