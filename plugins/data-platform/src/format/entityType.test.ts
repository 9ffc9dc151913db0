import type { Entity } from '@backstage/catalog-model';
import { entityTypeLabel } from './entityType';

const entity = (kind: string, spec: object): Entity => ({
  apiVersion:
    kind === 'Component' ? 'backstage.io/v1alpha1' : 'dataplatform.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec,
});

describe('entityTypeLabel', () => {
  it('names an event type by how often it is delivered', () => {
    expect(
      entityTypeLabel(
        entity('EventType', { delivery: { partitioning: 'HOUR' } }),
      ),
    ).toBe('Hourly events');
    expect(
      entityTypeLabel(
        entity('EventType', { delivery: { partitioning: 'DAY' } }),
      ),
    ).toBe('Daily events');
    expect(entityTypeLabel(entity('EventType', {}))).toBe('Events');
  });

  it('names a pipeline by its engine and schedule', () => {
    expect(
      entityTypeLabel(
        entity('Pipeline', { engine: 'dbt', schedule: { type: 'daily' } }),
      ),
    ).toBe('dbt, daily');
    expect(
      entityTypeLabel(
        entity('Pipeline', {
          engine: 'flink',
          schedule: { type: 'streaming' },
        }),
      ),
    ).toBe('Flink, streaming');
    expect(entityTypeLabel(entity('Pipeline', { engine: 'scio' }))).toBe(
      'Scio',
    );
  });

  it('names a data endpoint by its store and other kinds by spec.type', () => {
    expect(
      entityTypeLabel(entity('DataEndpoint', { type: 'pubsub-topic' })),
    ).toBe('Pub/Sub topic');
    expect(entityTypeLabel(entity('Component', { type: 'service' }))).toBe(
      'service',
    );
    expect(entityTypeLabel(entity('Component', {}))).toBeUndefined();
  });
});
