import type { Entity } from '@backstage/catalog-model';
import { specRef } from './specRef';

const pipeline = (namespace?: string): Entity => ({
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'Pipeline',
  metadata: { name: 'plays-daily', ...(namespace ? { namespace } : {}) },
  spec: {},
});

describe('specRef', () => {
  it("fills in the field's kind and the entity's namespace", () => {
    expect(specRef(pipeline('music'), 'plays', 'dataendpoint')).toBe(
      'dataendpoint:music/plays',
    );
    expect(specRef(pipeline(), 'plays', 'dataendpoint')).toBe(
      'dataendpoint:default/plays',
    );
  });

  it('keeps the kind and namespace a ref names, lower-casing the kind', () => {
    expect(specRef(pipeline('music'), 'Group:platform/data-sre', 'group')).toBe(
      'group:platform/data-sre',
    );
    expect(specRef(pipeline('music'), 'user:ada', 'group')).toBe(
      'user:music/ada',
    );
  });
});
