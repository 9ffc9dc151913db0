import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Resolves the entity references written in a spec (`spec.producers`,
 * `spec.inputs`, ...) the way the catalog processor does: a missing kind is
 * `defaultKind`, a missing namespace is the referring entity's own.
 * References that do not parse are dropped: the processor reports them as
 * processing errors, the page just cannot link them.
 */
export function specEntityRefs(
  refs: unknown,
  options: { defaultKind: string; referrer: Entity },
): CompoundEntityRef[] {
  if (!Array.isArray(refs)) return [];
  const defaultNamespace =
    options.referrer.metadata.namespace ?? DEFAULT_NAMESPACE;
  const seen = new Set<string>();
  const result: CompoundEntityRef[] = [];
  for (const ref of refs) {
    if (typeof ref !== 'string' || !ref.trim()) continue;
    try {
      const parsed = parseEntityRef(ref.trim(), {
        defaultKind: options.defaultKind,
        defaultNamespace,
      });
      const key = stringifyEntityRef(parsed);
      if (!seen.has(key)) {
        seen.add(key);
        result.push(parsed);
      }
    } catch {
      // an unparseable ref is a processing error elsewhere; skip it here
    }
  }
  return result;
}
