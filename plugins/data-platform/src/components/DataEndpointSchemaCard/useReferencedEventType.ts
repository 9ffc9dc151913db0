import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DataEndpointEntity,
  EventTypeEntity,
  isEventTypeEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { specEntityRefs } from '../../format/entityRefs';

/** What the catalog said about the event type a data endpoint's schema refers to. */
export type ReferencedEventType =
  | { state: 'loading' }
  | { state: 'error'; error: Error }
  | { state: 'missing' }
  | { state: 'wrong-kind'; kind: string }
  | { state: 'found'; eventType: EventTypeEntity };

/** Fetches the EventType a data endpoint takes its schema from. */
export function useReferencedEventType(
  ref: CompoundEntityRef | undefined,
): ReferencedEventType | undefined {
  const catalogApi = useApi(catalogApiRef);
  const key = ref ? stringifyEntityRef(ref) : undefined;
  const { value, loading, error } = useAsync(
    async () => (key ? catalogApi.getEntityByRef(key) : undefined),
    [catalogApi, key],
  );
  if (!key) return undefined;
  if (loading) return { state: 'loading' };
  if (error) return { state: 'error', error };
  if (!value) return { state: 'missing' };
  if (!isEventTypeEntity(value))
    return { state: 'wrong-kind', kind: value.kind };
  return { state: 'found', eventType: value };
}

/**
 * The EventType a data endpoint's `spec.schema.eventType` names: its ref, and
 * what the catalog said about it (both undefined when it names none).
 */
export function useEndpointEventType(
  endpoint: DataEndpointEntity | undefined,
): {
  ref: CompoundEntityRef | undefined;
  referenced: ReferencedEventType | undefined;
} {
  const named = endpoint?.spec?.schema?.eventType;
  const ref = useMemo(
    () =>
      named && endpoint
        ? specEntityRefs([named], {
            defaultKind: 'eventtype',
            referrer: endpoint,
          })[0]
        : undefined,
    [named, endpoint],
  );
  return { ref, referenced: useReferencedEventType(ref) };
}
