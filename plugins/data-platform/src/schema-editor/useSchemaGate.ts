import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  checkSchemaEvolution,
  EventTypeEntity,
  isEventTypeEntity,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { ConsumerImpactState, useConsumerImpact } from './useConsumerImpact';

/**
 * The consumer gate of an edit to an existing event type, outside the
 * editor: its current schema from the catalog, the changes, and the
 * consumers they break (see {@link useConsumerImpact}).
 */
export function useSchemaGate(options: {
  entityRef?: string;
  fields?: SchemaField[];
}): ConsumerImpactState & { loading: boolean; error?: Error } {
  const { entityRef, fields } = options;
  const catalogApi = useApi(catalogApiRef);
  const current = useAsync(async () => {
    if (!entityRef) return undefined;
    const entity = await catalogApi.getEntityByRef(entityRef);
    if (!isEventTypeEntity(entity)) {
      throw new Error(`${entityRef} is not an event type in the catalog`);
    }
    return entity as EventTypeEntity;
  }, [catalogApi, entityRef]);
  const schema = current.value?.spec.schema;
  const changes = useMemo(
    () =>
      schema && fields ? checkSchemaEvolution(schema, fields).changes : [],
    [schema, fields],
  );
  const impact = useConsumerImpact({
    entityRef: schema ? entityRef : undefined,
    currentFields: schema?.fields,
    changes,
  });
  return {
    ...impact,
    loading: current.loading || impact.loading,
    error: current.error,
  };
}
