import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { dataPlatformApiRef } from './DataPlatformApi';
import { DataPlatformClient } from './DataPlatformClient';

/** Provides the {@link DataPlatformApi} to the app (extension `api:data-platform`). */
export const dataPlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataPlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataPlatformClient({ discoveryApi, fetchApi }),
    }),
});
