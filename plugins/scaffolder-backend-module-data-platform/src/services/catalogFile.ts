import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

const refOf = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');

/** The entities of a multi-document catalog YAML file. */
export function parseCatalogYaml(text: string, where: string): Entity[] {
  return parseAllDocuments(text)
    .map((doc, i) => {
      if (doc.errors.length > 0) {
        throw new InputError(
          `${where} document ${i + 1}: ${doc.errors[0].message}`,
        );
      }
      return doc.toJSON();
    })
    .filter((e): e is Entity => !!e && typeof e === 'object');
}

/**
 * The file's text with the documents of the given entities replaced by
 * their new YAML; every other document (comments included) stays as it was.
 * Entities not in the file yet are appended.
 */
export function replaceCatalogDocuments(
  existing: string,
  replacements: { entity: Entity; yaml: string }[],
): string {
  const documents = parseAllDocuments(existing);
  const pending = new Map(replacements.map(r => [refOf(r.entity), r.yaml]));
  const parts = documents.map((doc, index) => {
    const entity = doc.toJSON() as Entity | null;
    const ref =
      entity?.kind && entity.metadata?.name ? refOf(entity) : undefined;
    const replacement = ref ? pending.get(ref) : undefined;
    if (replacement === undefined) {
      return String(doc).replace(/^---\n/, '');
    }
    pending.delete(ref!);
    // Keep the comment lines above the entity, whatever node yaml gave them to.
    const leading: string[] = [];
    const from = index === 0 ? 0 : documents[index - 1].range[2];
    const to = doc.contents?.range?.[0] ?? doc.range[2];
    for (const line of existing.slice(from, to).split('\n')) {
      if (/^\s*#/.test(line)) leading.push(line);
    }
    const commentLines = leading.length ? `${leading.join('\n')}\n` : '';
    return `${commentLines}${replacement}`;
  });
  return [...parts, ...pending.values()]
    .filter(p => p.trim())
    .map((p, i) => (i === 0 ? p : `---\n${p}`))
    .map(p => (p.endsWith('\n') ? p : `${p}\n`))
    .join('');
}
