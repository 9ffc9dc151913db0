import { Entity } from '@backstage/catalog-model';
import {
  isDataEndpointEntity,
  isDataPlatformEntity,
  isEventTypeEntity,
  isPipelineEntity,
} from './entities';

const entity = (apiVersion: string, kind: string): Entity => ({
  apiVersion,
  kind,
  metadata: { name: 'x' },
});

describe('type guards', () => {
  const eventType = entity('dataplatform.io/v1alpha1', 'EventType');
  const pipeline = entity('dataplatform.io/v1alpha1', 'Pipeline');
  const endpoint = entity('dataplatform.io/v1alpha1', 'DataEndpoint');
  const component = entity('backstage.io/v1alpha1', 'Component');
  const foreignEventType = entity('example.com/v1', 'EventType');

  it('recognise each kind by apiVersion and kind', () => {
    expect(isEventTypeEntity(eventType)).toBe(true);
    expect(isPipelineEntity(pipeline)).toBe(true);
    expect(isDataEndpointEntity(endpoint)).toBe(true);

    expect(isEventTypeEntity(pipeline)).toBe(false);
    expect(isPipelineEntity(endpoint)).toBe(false);
    expect(isDataEndpointEntity(eventType)).toBe(false);
  });

  it('ignore the case of the kind', () => {
    expect(
      isEventTypeEntity(entity('dataplatform.io/v1alpha1', 'eventtype')),
    ).toBe(true);
    expect(
      isDataEndpointEntity(entity('dataplatform.io/v1alpha1', 'DATAENDPOINT')),
    ).toBe(true);
  });

  it('reject the same kind name under another apiVersion', () => {
    expect(isEventTypeEntity(foreignEventType)).toBe(false);
    expect(isDataPlatformEntity(foreignEventType)).toBe(false);
  });

  it('isDataPlatformEntity accepts exactly the three kinds', () => {
    expect([eventType, pipeline, endpoint].every(isDataPlatformEntity)).toBe(
      true,
    );
    expect(isDataPlatformEntity(component)).toBe(false);
    expect(
      isDataPlatformEntity(entity('dataplatform.io/v1alpha1', 'Dataset')),
    ).toBe(false);
    expect(isDataPlatformEntity(undefined)).toBe(false);
  });
});
