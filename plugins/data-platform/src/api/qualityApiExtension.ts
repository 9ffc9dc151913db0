import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { dataQualityApiRef } from './qualityApi';
import { DataQualityClient } from './qualityClient';

/** Provides the {@link DataQualityApi} to the app (extension `api:data-platform/quality`). */
export const dataQualityApi = ApiBlueprint.make({
  name: 'quality',
  params: defineParams =>
    defineParams({
      api: dataQualityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataQualityClient({ discoveryApi, fetchApi }),
    }),
});
