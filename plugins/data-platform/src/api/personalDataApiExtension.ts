import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { personalDataApiRef } from './personalDataApi';
import { PersonalDataClient } from './personalDataClient';

/** Provides the {@link PersonalDataApi} to the app (extension `api:data-platform/personal-data`). */
export const personalDataApi = ApiBlueprint.make({
  name: 'personal-data',
  params: defineParams =>
    defineParams({
      api: personalDataApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PersonalDataClient({ discoveryApi, fetchApi }),
    }),
});
