import { useEffect, useState } from 'react';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DataEndpointEntity,
  isDataEndpointEntity,
  isEventTypeEntity,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  ReferencedEventType,
  useEndpointEventType,
} from '../../components/DataEndpointSchemaCard/useReferencedEventType';
import { specEntityRefs } from '../../format/entityRefs';

/**
 * A data endpoint's columns as its schema declares them: its own fields, or
 * those of the event type it stores. The one place the lineage views read an
 * endpoint's columns from.
 */
export function declaredColumns(
  endpoint: DataEndpointEntity,
  referenced: ReferencedEventType | undefined,
): string[] {
  const own = endpoint.spec.schema?.fields ?? [];
  const fields =
    own.length === 0 && referenced?.state === 'found'
      ? referenced.eventType.spec.schema?.fields ?? []
      : own;
  return fields.map(f => f.name);
}

/** {@link declaredColumns} of an entity; undefined for the other kinds. */
export function useDeclaredColumns(
  entity: Entity | undefined,
): string[] | undefined {
  const endpoint = entity && isDataEndpointEntity(entity) ? entity : undefined;
  const { referenced } = useEndpointEventType(endpoint);
  return endpoint ? declaredColumns(endpoint, referenced) : undefined;
}

/** The catalog ref of a lineage node that may be a data endpoint. */
function endpointRef(node: string | undefined): string | undefined {
  if (!node) return undefined;
  try {
    const ref = parseEntityRef(node);
    return ref.kind.toLocaleLowerCase('en-US') === 'dataendpoint'
      ? node
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * {@link declaredColumns} of a lineage node, looked up in the catalog:
 * undefined when it is no data endpoint the user can read (a dataset seen
 * only in OpenLineage has no declared columns). Nothing is looked up
 * without a node.
 */
export function useNodeDeclaredColumns(node: string | undefined): {
  loading: boolean;
  columns?: string[];
} {
  const catalogApi = useApi(catalogApiRef);
  const ref = endpointRef(node);
  const [found, setFound] = useState<{ ref: string; columns?: string[] }>();
  useEffect(() => {
    if (!ref) return undefined;
    let current = true;
    const answer = (columns?: string[]) => {
      if (current) setFound({ ref, columns });
    };
    (async () => {
      const entity = await catalogApi.getEntityByRef(ref);
      if (!entity || !isDataEndpointEntity(entity)) return undefined;
      const own = entity.spec.schema?.fields ?? [];
      const [typeRef] =
        own.length === 0 && entity.spec.schema?.eventType
          ? specEntityRefs([entity.spec.schema.eventType], {
              defaultKind: 'eventtype',
              referrer: entity,
            })
          : [];
      const type = typeRef
        ? await catalogApi.getEntityByRef(stringifyEntityRef(typeRef))
        : undefined;
      return declaredColumns(
        entity,
        type && isEventTypeEntity(type)
          ? { state: 'found', eventType: type }
          : undefined,
      );
    })().then(answer, () => answer(undefined));
    return () => {
      current = false;
    };
  }, [catalogApi, ref]);
  return {
    loading: !!ref && found?.ref !== ref,
    columns: ref && found?.ref === ref ? found.columns : undefined,
  };
}
