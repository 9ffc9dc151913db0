import type { Entity } from '@backstage/catalog-model';
import { CatalogTable, CatalogTableRow } from '@backstage/plugin-catalog';
import type { EntityListContextProps } from '@backstage/plugin-catalog-react';
import { withDataPlatformColumns } from './dataPlatformColumns';

const pipeline: Entity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'Pipeline',
  metadata: { name: 'plays-hourly-clean' },
  spec: { engine: 'dataflow', schedule: { type: 'hourly' }, owner: 'x' },
};
const eventType: Entity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'EventType',
  metadata: { name: 'payment-processed' },
  spec: { delivery: { partitioning: 'DAY', retentionDays: 30 }, owner: 'x' },
};

function columnsFor(entities: Entity[]) {
  const context = {
    filters: {},
    entities,
  } as unknown as EntityListContextProps;
  return withDataPlatformColumns<CatalogTableRow>(
    CatalogTable.defaultColumnsFunc,
  )(context);
}

const row = (entity: Entity) => ({ entity } as CatalogTableRow);

describe('withDataPlatformColumns', () => {
  it("fills the Type column for the data platform's kinds", () => {
    const type = columnsFor([pipeline, eventType]).find(
      c => c.field === 'entity.spec.type',
    )!;
    expect(type.render!(row(pipeline), 'row')).toBe('Dataflow, hourly');
    expect(type.render!(row(eventType), 'row')).toBe('Daily events');
    expect(
      (type.customFilterAndSearch as Function)('hourly', row(pipeline)),
    ).toBe(true);
    expect(
      (type.customFilterAndSearch as Function)('hourly', row(eventType)),
    ).toBe(false);
  });

  it('keeps names, systems and owners from breaking inside a word', () => {
    for (const field of [
      'resolved.entityRef',
      'resolved.partOfSystemRelationTitle',
      'resolved.ownedByRelationsTitle',
    ]) {
      const column = columnsFor([eventType]).find(c => c.field === field)!;
      expect(column.cellStyle).toMatchObject({ wordBreak: 'normal' });
    }
  });
});
