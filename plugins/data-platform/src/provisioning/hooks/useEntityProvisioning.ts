import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import type { EntityProvisioning } from '@dataplatform/backstage-plugin-data-platform-common';
import { provisioningApiRef } from '../api/ProvisioningApi';

/**
 * The infrastructure of one entity as last observed, and "check again":
 * observing and planning it now. The newest answer (of the first load, a
 * check or an apply, given to `show`) is what the tab shows.
 */
export function useEntityProvisioning(entityRef: string) {
  const api = useApi(provisioningApiRef);
  const loaded = useAsync(
    () => api.getEntityProvisioning(entityRef),
    [api, entityRef],
  );
  const [latest, setLatest] = useState<{
    entityRef: string;
    provisioning: EntityProvisioning;
  }>();
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<Error>();

  const show = useCallback(
    (provisioning: EntityProvisioning) =>
      setLatest({ entityRef, provisioning }),
    [entityRef],
  );

  const checkAgain = useCallback(async () => {
    setChecking(true);
    setCheckError(undefined);
    try {
      show(await api.planEntity(entityRef));
    } catch (error) {
      setCheckError(error as Error);
    } finally {
      setChecking(false);
    }
  }, [api, entityRef, show]);

  return {
    provisioning:
      latest?.entityRef === entityRef ? latest.provisioning : loaded.value,
    loading: loaded.loading,
    error: loaded.error,
    checkAgain,
    checking,
    checkError,
    show,
  };
}
