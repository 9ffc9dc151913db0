import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { pipelineHealthApiRef } from './healthApi';
import { PipelineHealthClient } from './healthClient';

/** Provides the {@link PipelineHealthApi} to the app (extension `api:data-platform/health`). */
export const pipelineHealthApi = ApiBlueprint.make({
  name: 'health',
  params: defineParams =>
    defineParams({
      api: pipelineHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PipelineHealthClient({ discoveryApi, fetchApi }),
    }),
});
