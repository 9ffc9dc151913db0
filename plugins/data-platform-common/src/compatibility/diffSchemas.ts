import { fieldMode, fieldPii, FieldMode, SchemaField } from '../schema/fields';
import { canReadType } from './typePromotion';
import type { SchemaChange } from './types';

const key = (name: string) => name.toLocaleLowerCase('en-US');
const join = (prefix: string, name: string) =>
  prefix ? `${prefix}.${name}` : name;
const shape = (field: SchemaField) => `${fieldMode(field)} ${field.type}`;

/** The structure readers depend on: names, types and modes, nested. */
function structure(field: SchemaField): unknown {
  return [
    field.type,
    fieldMode(field),
    field.fields?.map(f => [key(f.name), structure(f)]),
  ];
}

/**
 * Mode changes. A reader with a default (NULLABLE: null) reads data without
 * the value; a REQUIRED reader does not. Between a single value and a
 * REPEATED one nothing converts (Avro: a union and an array).
 */
function modeCompatibility(before: FieldMode, after: FieldMode) {
  if (before === 'NULLABLE' && after === 'REQUIRED') {
    return { backward: false, forward: true };
  }
  if (before === 'REQUIRED' && after === 'NULLABLE') {
    return { backward: true, forward: false };
  }
  return { backward: false, forward: false };
}

function added(path: string, field: SchemaField): SchemaChange {
  // A new reader fills the field's default into old data: only a REQUIRED
  // field has none. An old reader ignores fields it does not know.
  return {
    kind: 'field-added',
    path,
    description: `added (${shape(field)})`,
    after: field,
    backward: fieldMode(field) !== 'REQUIRED',
    forward: true,
  };
}

function removed(path: string, field: SchemaField): SchemaChange {
  // A new reader ignores the field in old data; an old reader needs a
  // default for it in new data.
  return {
    kind: 'field-removed',
    path,
    description: `removed (${shape(field)})`,
    before: field,
    backward: true,
    forward: fieldMode(field) !== 'REQUIRED',
  };
}

/**
 * Pairs a removed field with an added one at the same position of the same
 * record when both have the same structure: that is what a rename looks like.
 * Without aliases, readers see it as the removal plus the addition, so its
 * compatibility is theirs together.
 */
function detectRenames(
  before: SchemaField[],
  after: SchemaField[],
  removedNames: Set<string>,
  addedNames: Set<string>,
) {
  const renames: [SchemaField, SchemaField][] = [];
  before.forEach((old, index) => {
    const candidate = after[index];
    if (
      candidate &&
      removedNames.has(key(old.name)) &&
      addedNames.has(key(candidate.name)) &&
      JSON.stringify(structure(old)) === JSON.stringify(structure(candidate))
    ) {
      renames.push([old, candidate]);
      removedNames.delete(key(old.name));
      addedNames.delete(key(candidate.name));
    }
  });
  return renames;
}

function changedField(
  path: string,
  before: SchemaField,
  after: SchemaField,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const modeBefore = fieldMode(before);
  const modeAfter = fieldMode(after);
  if (before.type !== after.type) {
    changes.push({
      kind: 'type-changed',
      path,
      description: `type ${before.type} -> ${after.type}`,
      before,
      after,
      backward: canReadType(before.type, after.type),
      forward: canReadType(after.type, before.type),
    });
  }
  if (modeBefore !== modeAfter) {
    changes.push({
      kind: 'mode-changed',
      path,
      description: `mode ${modeBefore} -> ${modeAfter}`,
      before,
      after,
      ...modeCompatibility(modeBefore, modeAfter),
    });
  }
  if (fieldPii(before) !== fieldPii(after)) {
    changes.push({
      kind: 'pii-changed',
      path,
      description: `PII ${fieldPii(before)} -> ${fieldPii(after)}`,
      before,
      after,
      backward: true,
      forward: true,
    });
  }
  if ((before.description ?? '') !== (after.description ?? '')) {
    changes.push({
      kind: 'description-changed',
      path,
      description: 'description changed',
      before,
      after,
      backward: true,
      forward: true,
    });
  }
  // A record's own changes first, then those of its fields.
  if (before.type === 'RECORD' && after.type === 'RECORD') {
    changes.push(...diffFields(before.fields ?? [], after.fields ?? [], path));
  }
  return changes;
}

function diffFields(
  before: SchemaField[],
  after: SchemaField[],
  prefix: string,
): SchemaChange[] {
  const beforeByName = new Map(before.map(f => [key(f.name), f]));
  const afterByName = new Map(after.map(f => [key(f.name), f]));
  const removedNames = new Set(
    before.map(f => key(f.name)).filter(n => !afterByName.has(n)),
  );
  const addedNames = new Set(
    after.map(f => key(f.name)).filter(n => !beforeByName.has(n)),
  );
  const renames = detectRenames(before, after, removedNames, addedNames);

  const changes: SchemaChange[] = [];
  // In the order of the new schema, removals where they used to be.
  for (const field of after) {
    const path = join(prefix, field.name);
    const old = beforeByName.get(key(field.name));
    const rename = renames.find(([, to]) => to === field);
    if (old) {
      changes.push(...changedField(path, old, field));
    } else if (rename) {
      const [from] = rename;
      const asRemoval = removed(join(prefix, from.name), from);
      const asAddition = added(path, field);
      changes.push({
        kind: 'field-renamed',
        path,
        fromPath: join(prefix, from.name),
        description: `renamed from ${from.name} (${shape(field)})`,
        before: from,
        after: field,
        backward: asRemoval.backward && asAddition.backward,
        forward: asRemoval.forward && asAddition.forward,
      });
      if (fieldPii(from) !== fieldPii(field)) {
        changes.push({
          kind: 'pii-changed',
          path,
          description: `PII ${fieldPii(from)} -> ${fieldPii(field)}`,
          before: from,
          after: field,
          backward: true,
          forward: true,
        });
      }
    } else if (addedNames.has(key(field.name))) {
      changes.push(added(path, field));
    }
  }
  for (const field of before) {
    if (removedNames.has(key(field.name))) {
      changes.push(removed(join(prefix, field.name), field));
    }
  }
  return changes;
}

/**
 * Every change from one revision of a schema to another, each with whether
 * it is BACKWARD and FORWARD compatible on its own. Fields are matched by
 * name, case-insensitively (as BigQuery compares column names); RECORDs are
 * compared field by field, REPEATED RECORDs too.
 */
export function diffSchemas(
  before: SchemaField[],
  after: SchemaField[],
): SchemaChange[] {
  return diffFields(before, after, '');
}
