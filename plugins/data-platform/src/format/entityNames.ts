import { parseEntityRef } from '@backstage/catalog-model';

/** `plays-hourly-clean` for `pipeline:default/plays-hourly-clean`; the namespace only when not default. */
export function pipelineName(pipelineRef: string): string {
  try {
    const { namespace, name } = parseEntityRef(pipelineRef);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return pipelineRef;
  }
}

/** `plays-hourly-clean-out` for `dataendpoint:default/plays-hourly-clean-out`; the namespace only when not default. */
export const endpointName = pipelineName;

/** `astrid.lindqvist` for `user:default/astrid.lindqvist`: people are known by their name alone. */
export function personName(userRef: string): string {
  try {
    return parseEntityRef(userRef, { defaultKind: 'user' }).name;
  } catch {
    return userRef;
  }
}
