import fs from 'node:fs';
import path from 'node:path';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/** The repository root, seen from packages/backend/src/__testUtils__. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** Where the catalog resolves `file` targets from: the backend package. */
const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');
/** Scaffolder templates and their skeletons are tested with the templates. */
const TEMPLATES_DIR = path.join(REPO_ROOT, 'examples/templates');

/** An entity of the example platform with the file it was read from. */
export interface LoadedEntity {
  entity: Entity;
  ref: string;
  file: string;
  /** Kinds the catalog rules of the config location that read it allow. */
  locationAllows: string[];
}

type AllowRule = { allow: string[]; locations?: unknown[] };
type ConfigLocation = { type: string; target: string; rules?: AllowRule[] };

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(doc => {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors.map(e => e.message).join('; ')}`);
    }
    return doc.toJS();
  });
}

function readAppConfigCatalog(): {
  globalAllows: string[];
  locations: ConfigLocation[];
} {
  const [config] = readYamlDocuments(
    path.join(REPO_ROOT, 'app-config.yaml'),
  ) as { catalog: { rules?: AllowRule[]; locations?: ConfigLocation[] } }[];
  return {
    globalAllows: (config.catalog.rules ?? [])
      .filter(rule => !rule.locations)
      .flatMap(rule => rule.allow),
    locations: config.catalog.locations ?? [],
  };
}

/**
 * Reads the catalog the way the backend does: each `file` location of
 * app-config.yaml, then the targets of every Location entity found, relative
 * to the file that declares them.
 */
export function loadExamplePlatform(): {
  entities: LoadedEntity[];
  files: string[];
  globalAllows: string[];
} {
  const { globalAllows, locations } = readAppConfigCatalog();
  const entities: LoadedEntity[] = [];
  const files: string[] = [];
  const queue = locations
    // Glob locations (the scaffolder's local catalog directory) hold what
    // templates publish at run time, not example data.
    .filter(
      location => location.type === 'file' && !location.target.includes('*'),
    )
    .map(location => ({
      file: path.resolve(BACKEND_DIR, location.target),
      locationAllows: (location.rules ?? []).flatMap(rule => rule.allow),
    }));
  while (queue.length > 0) {
    const { file, locationAllows } = queue.shift()!;
    if (file.startsWith(TEMPLATES_DIR + path.sep) || files.includes(file)) {
      continue;
    }
    if (!fs.existsSync(file)) {
      throw new Error(`catalog location ${file} does not exist`);
    }
    files.push(file);
    for (const doc of readYamlDocuments(file)) {
      if (!doc) continue;
      const entity = doc as Entity;
      entities.push({
        entity,
        ref: stringifyEntityRef(entity),
        file,
        locationAllows,
      });
      if (entity.kind === 'Location') {
        const spec = entity.spec as { target?: string; targets?: string[] };
        for (const target of [spec.target, ...(spec.targets ?? [])]) {
          if (target) {
            queue.push({
              file: path.resolve(path.dirname(file), target),
              locationAllows: [],
            });
          }
        }
      }
    }
  }
  return { entities, files, globalAllows };
}

/** Every YAML file under examples/, outside the templates. */
export function listExampleFiles(dir = path.join(REPO_ROOT, 'examples')) {
  const result: string[] = [];
  for (const dirent of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, dirent.name);
    if (dirent.isDirectory()) {
      if (full !== TEMPLATES_DIR) result.push(...listExampleFiles(full));
    } else if (/\.ya?ml$/.test(dirent.name)) {
      result.push(full);
    }
  }
  return result.sort();
}

/** One entity reference an example entity makes, with where it is made. */
export interface ExampleRef {
  from: string;
  field: string;
  ref: string;
}

const REF_FIELDS: { field: string; defaultKind: string }[] = [
  { field: 'owner', defaultKind: 'group' },
  { field: 'system', defaultKind: 'system' },
  { field: 'domain', defaultKind: 'domain' },
  { field: 'parent', defaultKind: 'group' },
  { field: 'children', defaultKind: 'group' },
  { field: 'memberOf', defaultKind: 'group' },
  { field: 'producers', defaultKind: 'component' },
  { field: 'inputs', defaultKind: 'dataendpoint' },
  { field: 'outputs', defaultKind: 'dataendpoint' },
  { field: 'schema.eventType', defaultKind: 'eventtype' },
  { field: 'access.readers', defaultKind: 'group' },
  { field: 'access.writers', defaultKind: 'group' },
];

function at(value: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      value,
    );
}

/**
 * The references in an entity's spec, made absolute the way the catalog does
 * it: a missing kind is the field's default, a missing namespace the entity's.
 */
export function specRefs(entity: Entity): ExampleRef[] {
  const from = stringifyEntityRef(entity);
  const namespace = entity.metadata.namespace ?? 'default';
  return REF_FIELDS.flatMap(({ field, defaultKind }) => {
    const value = at(entity.spec, field);
    const refs = [value].flat().filter(Boolean);
    return refs.map(ref => ({
      from,
      field: `spec.${field}`,
      ref: stringifyEntityRef(
        parseEntityRef(String(ref), {
          defaultKind,
          defaultNamespace: namespace,
        }),
      ),
    }));
  });
}
