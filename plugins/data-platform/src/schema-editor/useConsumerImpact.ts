import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  AffectedConsumer,
  BreakingChange,
  breakingChanges,
  BreakingConsumersPolicy,
  consumerImpact,
  flattenFields,
  SchemaChange,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../api';

/** What the changes do to the event type's consumers. */
export interface ConsumerImpactState {
  /** The consumers of each reader-visible change. */
  impacts?: Map<SchemaChange, AffectedConsumer[]>;
  /** The changes that remove or retype a field someone reads, with them. */
  breaking: BreakingChange[];
  /** What the portal does with those (from the backend's configuration). */
  policy?: BreakingConsumersPolicy;
  /** The event type's owner, e.g. `group:default/playback`. */
  owner?: string;
  /** Whether the caller may decide to break consumers (the backend says). */
  mayDecide?: boolean;
  /** Why the consumers are not known (yet). */
  status?: string;
  /** Whether the lookup is under way. */
  loading: boolean;
}

/**
 * The downstream consumers each change may break, from the backend's
 * consumer impact (endpoint and column lineage, nested fields included),
 * asked once for every field of the current schema: edits then cost no
 * request. When lineage cannot be had, `status` says why.
 */
export function useConsumerImpact(options: {
  entityRef?: string;
  currentFields?: SchemaField[];
  changes: SchemaChange[];
}): ConsumerImpactState {
  const { entityRef, currentFields, changes } = options;
  const api = useApiHolder().get(dataPlatformApiRef);
  const paths = useMemo(
    () => flattenFields(currentFields ?? []).map(f => f.path),
    [currentFields],
  );
  const answer = useAsync(async () => {
    if (!api || !entityRef || paths.length === 0) return undefined;
    return api.getFieldConsumers(entityRef, paths);
  }, [api, entityRef, paths.join(',')]);

  return useMemo((): ConsumerImpactState => {
    if (!api) {
      return {
        breaking: [],
        loading: false,
        status: 'lineage is not available in this portal',
      };
    }
    if (answer.loading) {
      return { breaking: [], loading: true, status: 'looking up consumers…' };
    }
    if (answer.error) {
      return {
        breaking: [],
        loading: false,
        status: `consumers unavailable: ${answer.error.message}`,
      };
    }
    if (!answer.value) return { breaking: [], loading: false };
    const impact = consumerImpact({
      changes,
      consumers: answer.value.consumers,
    });
    return {
      impacts: new Map(impact.map(i => [i.change, i.consumers])),
      breaking: breakingChanges(impact),
      policy: answer.value.policy,
      owner: answer.value.owner,
      mayDecide: answer.value.mayDecide,
      loading: false,
    };
  }, [api, answer, changes]);
}
