import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  AffectedConsumer,
  consumerImpact,
  SchemaChange,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../api';

/**
 * The downstream consumers each change may break, from the lineage API: the
 * event type's landing endpoints and their readers, and the column lineage
 * of each top-level column of the current schema. Lineage is advice, never
 * a gate: when it cannot be had, `status` says why and the rest works.
 */
export function useConsumerImpact(options: {
  entityRef?: string;
  currentFields?: SchemaField[];
  changes: SchemaChange[];
}): { impacts?: Map<SchemaChange, AffectedConsumer[]>; status?: string } {
  const { entityRef, currentFields, changes } = options;
  const api = useApiHolder().get(dataPlatformApiRef);
  const columns = useMemo(
    () => [...new Set((currentFields ?? []).map(f => f.name))],
    [currentFields],
  );
  const lineage = useAsync(async () => {
    if (!api || !entityRef) return undefined;
    const graph = await api.getLineageGraph({
      node: entityRef,
      direction: 'downstream',
      depth: 2,
    });
    const landing = graph.nodes.filter(
      n => n.depth === 1 && (n.kind === 'DataEndpoint' || n.kind === 'Dataset'),
    );
    const columnLineage = await Promise.all(
      landing.flatMap(endpoint =>
        columns.map(column =>
          api.getColumnLineage(endpoint.id, column).catch(() => undefined),
        ),
      ),
    );
    return {
      graph,
      columnLineage: columnLineage.filter(
        (c): c is NonNullable<typeof c> => !!c,
      ),
    };
  }, [api, entityRef, columns.join(',')]);

  return useMemo(() => {
    if (!api) return { status: 'lineage is not available in this portal' };
    if (lineage.loading) return { status: 'looking up lineage…' };
    if (lineage.error) {
      return { status: `lineage unavailable: ${lineage.error.message}` };
    }
    if (!lineage.value) return {};
    const impacts = new Map<SchemaChange, AffectedConsumer[]>();
    for (const impact of consumerImpact({ changes, ...lineage.value })) {
      impacts.set(impact.change, impact.consumers);
    }
    return { impacts };
  }, [api, lineage, changes]);
}
