import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository's example data platform (`examples/`). */
export const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/**
 * The example platform's entities of these kinds (by default its endpoints
 * and pipelines), as the catalog serves them.
 */
export function exampleEntities(
  kinds: string[] = ['DataEndpoint', 'Pipeline'],
): Entity[] {
  const [location] = parseAllDocuments(
    fs.readFileSync(path.join(EXAMPLES, 'all.yaml'), 'utf8'),
  ).map(d => d.toJS());
  return (location.spec.targets as string[]).flatMap(target =>
    parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, target), 'utf8'))
      .map(d => d.toJS() as Entity)
      .filter(e => e && kinds.includes(e.kind))
      .map(e => ({
        ...e,
        metadata: { namespace: 'default', etag: '1', ...e.metadata },
      })),
  );
}
