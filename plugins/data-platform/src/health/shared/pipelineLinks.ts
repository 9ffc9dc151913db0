import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';

/** The path of a pipeline's Health tab (`entity-content:data-platform/pipeline-health`). */
export const HEALTH_TAB_PATH = 'health';

/** A function from a pipeline ref to its Health tab's URL. */
export function usePipelineHealthLink(): (pipelineRef: string) => string {
  const entityLink = useEntityRefLink();
  return pipelineRef =>
    `${entityLink(pipelineRef).replace(/\/+$/, '')}/${HEALTH_TAB_PATH}`;
}

/** `plays-hourly-clean` for `pipeline:default/plays-hourly-clean`; the namespace only when not default. */
export function pipelineName(pipelineRef: string): string {
  try {
    const { namespace, name } = parseEntityRef(pipelineRef);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return pipelineRef;
  }
}

/** `astrid.lindqvist` for `user:default/astrid.lindqvist`: people are known by their name alone. */
export function personName(userRef: string): string {
  try {
    return parseEntityRef(userRef, { defaultKind: 'user' }).name;
  } catch {
    return userRef;
  }
}
