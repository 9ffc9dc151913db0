import type { Entity } from '@backstage/catalog-model';
import yaml from 'js-yaml';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generatePlatformEntities } from '../entities/generatePlatformEntities';
import type { Platform } from '../model/types';

/** What `writeCatalog` wrote. */
export interface CatalogOutput {
  /** The Location entity file listing every other file: register this one. */
  locationFile: string;
  files: string[];
  entities: number;
  bytes: number;
}

const FILE_PREFIXES: Record<string, string> = {
  Group: 'org',
  User: 'org',
  Domain: 'org',
  System: 'org',
  Component: 'org',
  EventType: 'event-types',
  DataEndpoint: 'data-endpoints',
  Pipeline: 'pipelines',
};

/**
 * The YAML 1.2 core schema is what the catalog parses with; dumping with it
 * skips YAML 1.1 checks (timestamps, binary) that dominate the time.
 */
const DUMP_OPTIONS: yaml.DumpOptions = {
  noRefs: true,
  lineWidth: -1,
  schema: yaml.CORE_SCHEMA,
};

function toYaml(entities: Entity[]): string {
  return entities
    .map(entity => `---\n${yaml.dump(entity, DUMP_OPTIONS)}`)
    .join('');
}

/**
 * Writes the platform's entities as YAML files of `entitiesPerFile` each
 * (named by kind: org-001.yaml, pipelines-001.yaml, ...) and a Location
 * entity (all.yaml) whose targets are those files, so a catalog loads it all
 * through one `file` location. Entities are written as they are generated.
 */
export async function writeCatalog(
  platform: Platform,
  dir: string,
  options: { entitiesPerFile?: number } = {},
): Promise<CatalogOutput> {
  const perFile = options.entitiesPerFile ?? 2500;
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  const fileNumbers = new Map<string, number>();
  let chunk: Entity[] = [];
  let chunkPrefix = '';
  let entities = 0;
  let bytes = 0;

  const flush = async () => {
    if (chunk.length === 0) return;
    const number = (fileNumbers.get(chunkPrefix) ?? 0) + 1;
    fileNumbers.set(chunkPrefix, number);
    const file = `${chunkPrefix}-${String(number).padStart(3, '0')}.yaml`;
    const text = toYaml(chunk);
    await fs.writeFile(path.join(dir, file), text);
    files.push(file);
    bytes += Buffer.byteLength(text);
    chunk = [];
  };

  for (const entity of generatePlatformEntities(platform)) {
    const prefix = FILE_PREFIXES[entity.kind] ?? 'other';
    if (prefix !== chunkPrefix || chunk.length >= perFile) {
      await flush();
      chunkPrefix = prefix;
    }
    chunk.push(entity);
    entities++;
  }
  await flush();

  const { preset, seed, namespace } = platform.options;
  const location = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: `generated-data-platform-${preset}`,
      ...(namespace === 'default' ? {} : { namespace }),
      description: `A synthetic data platform (preset ${preset}, seed ${seed}) from @dataplatform/data-platform-generator.`,
    },
    spec: { type: 'file', targets: files.map(file => `./${file}`) },
  };
  const locationFile = path.join(dir, 'all.yaml');
  const text = toYaml([location as Entity]);
  await fs.writeFile(locationFile, text);
  bytes += Buffer.byteLength(text);
  return { locationFile, files, entities, bytes };
}
