import { useSearchParams } from 'react-router-dom';
import { SCHEMA_FIELD_QUERY_PARAM } from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * The dotted path of the field an entity page was opened at
 * (`?field=context.device.os`, as search results link), if any.
 */
export function useHighlightedField(): string | undefined {
  const [params] = useSearchParams();
  return params.get(SCHEMA_FIELD_QUERY_PARAM) || undefined;
}
