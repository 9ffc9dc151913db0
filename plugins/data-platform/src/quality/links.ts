import { useEntityRefLink } from '@backstage/plugin-catalog-react';

/** The path of a DataEndpoint's Quality tab (`entity-content:data-platform/quality`). */
export const QUALITY_TAB_PATH = 'quality';

/** A function from an endpoint ref to its Quality tab's URL. */
export function useQualityTabLink(): (endpointRef: string) => string {
  const entityLink = useEntityRefLink();
  return endpointRef =>
    `${entityLink(endpointRef).replace(/\/+$/, '')}/${QUALITY_TAB_PATH}`;
}
