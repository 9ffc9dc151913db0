import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import { pipelineHealthApiRef } from '../../api/healthApi';
import { pipelineStateBatchesFor } from './PipelineStateBatches';

/** A pipeline's current state from the backend, batched with its neighbours'. */
export function usePipelineState(pipelineRef: string) {
  const api = useApi(pipelineHealthApiRef);
  return useAsync(
    () => pipelineStateBatchesFor(api).state(pipelineRef),
    [api, pipelineRef],
  );
}
