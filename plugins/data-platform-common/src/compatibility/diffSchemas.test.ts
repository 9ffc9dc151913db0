import type { SchemaField } from '../schema/fields';
import { checkCompatibility } from './checkCompatibility';
import { diffSchemas } from './diffSchemas';
import type { SchemaChange } from './types';

const f = (
  name: string,
  type: SchemaField['type'],
  mode?: SchemaField['mode'],
  fields?: SchemaField[],
): SchemaField => ({
  name,
  type,
  ...(mode ? { mode } : {}),
  ...(fields ? { fields } : {}),
});

const id = f('event_id', 'STRING', 'REQUIRED');
const device = (...fields: SchemaField[]) =>
  f('context', 'RECORD', 'REQUIRED', [
    f('device', 'RECORD', 'REQUIRED', fields),
  ]);
const items = (...fields: SchemaField[]) =>
  f('items', 'RECORD', 'REPEATED', fields);

type Row = {
  rule: string;
  before: SchemaField[];
  after: SchemaField[];
  kind: SchemaChange['kind'];
  path: string;
  description: string;
  backward: boolean;
  forward: boolean;
};

/**
 * Every rule, as the change from `before` to `after`. The reverse change
 * (after -> before) is checked too: it swaps BACKWARD and FORWARD.
 */
const RULES: Row[] = [
  {
    rule: 'adding a NULLABLE field',
    before: [id],
    after: [id, f('country', 'STRING')],
    kind: 'field-added',
    path: 'country',
    description: 'added (NULLABLE STRING)',
    backward: true,
    forward: true,
  },
  {
    rule: 'adding a REPEATED field',
    before: [id],
    after: [id, f('tags', 'STRING', 'REPEATED')],
    kind: 'field-added',
    path: 'tags',
    description: 'added (REPEATED STRING)',
    backward: true,
    forward: true,
  },
  {
    rule: 'adding a REQUIRED field',
    before: [id],
    after: [id, f('track_id', 'STRING', 'REQUIRED')],
    kind: 'field-added',
    path: 'track_id',
    description: 'added (REQUIRED STRING)',
    backward: false,
    forward: true,
  },
  {
    rule: 'removing a NULLABLE field',
    before: [id, f('country', 'STRING')],
    after: [id],
    kind: 'field-removed',
    path: 'country',
    description: 'removed (NULLABLE STRING)',
    backward: true,
    forward: true,
  },
  {
    rule: 'removing a REQUIRED field',
    before: [id, f('track_id', 'STRING', 'REQUIRED')],
    after: [id],
    kind: 'field-removed',
    path: 'track_id',
    description: 'removed (REQUIRED STRING)',
    backward: true,
    forward: false,
  },
  {
    rule: 'making a field required',
    before: [id, f('country', 'STRING', 'NULLABLE')],
    after: [id, f('country', 'STRING', 'REQUIRED')],
    kind: 'mode-changed',
    path: 'country',
    description: 'mode NULLABLE -> REQUIRED',
    backward: false,
    forward: true,
  },
  {
    rule: 'making a field optional',
    before: [id, f('country', 'STRING', 'REQUIRED')],
    after: [id, f('country', 'STRING')],
    kind: 'mode-changed',
    path: 'country',
    description: 'mode REQUIRED -> NULLABLE',
    backward: true,
    forward: false,
  },
  {
    rule: 'making a NULLABLE field REPEATED',
    before: [f('tag', 'STRING')],
    after: [f('tag', 'STRING', 'REPEATED')],
    kind: 'mode-changed',
    path: 'tag',
    description: 'mode NULLABLE -> REPEATED',
    backward: false,
    forward: false,
  },
  {
    rule: 'making a REQUIRED field REPEATED',
    before: [f('tag', 'STRING', 'REQUIRED')],
    after: [f('tag', 'STRING', 'REPEATED')],
    kind: 'mode-changed',
    path: 'tag',
    description: 'mode REQUIRED -> REPEATED',
    backward: false,
    forward: false,
  },
  {
    rule: 'widening INT64 to NUMERIC',
    before: [f('ms_played', 'INT64')],
    after: [f('ms_played', 'NUMERIC')],
    kind: 'type-changed',
    path: 'ms_played',
    description: 'type INT64 -> NUMERIC',
    backward: true,
    forward: false,
  },
  {
    rule: 'widening INT64 to BIGNUMERIC',
    before: [f('ms_played', 'INT64')],
    after: [f('ms_played', 'BIGNUMERIC')],
    kind: 'type-changed',
    path: 'ms_played',
    description: 'type INT64 -> BIGNUMERIC',
    backward: true,
    forward: false,
  },
  {
    rule: 'widening INT64 to FLOAT64',
    before: [f('ms_played', 'INT64')],
    after: [f('ms_played', 'FLOAT64')],
    kind: 'type-changed',
    path: 'ms_played',
    description: 'type INT64 -> FLOAT64',
    backward: true,
    forward: false,
  },
  {
    rule: 'widening NUMERIC to BIGNUMERIC',
    before: [f('price', 'NUMERIC')],
    after: [f('price', 'BIGNUMERIC')],
    kind: 'type-changed',
    path: 'price',
    description: 'type NUMERIC -> BIGNUMERIC',
    backward: true,
    forward: false,
  },
  {
    rule: 'widening NUMERIC to FLOAT64',
    before: [f('price', 'NUMERIC')],
    after: [f('price', 'FLOAT64')],
    kind: 'type-changed',
    path: 'price',
    description: 'type NUMERIC -> FLOAT64',
    backward: true,
    forward: false,
  },
  {
    rule: 'widening BIGNUMERIC to FLOAT64',
    before: [f('price', 'BIGNUMERIC')],
    after: [f('price', 'FLOAT64')],
    kind: 'type-changed',
    path: 'price',
    description: 'type BIGNUMERIC -> FLOAT64',
    backward: true,
    forward: false,
  },
  {
    rule: 'widening DATE to DATETIME',
    before: [f('day', 'DATE')],
    after: [f('day', 'DATETIME')],
    kind: 'type-changed',
    path: 'day',
    description: 'type DATE -> DATETIME',
    backward: true,
    forward: false,
  },
  {
    rule: 'changing STRING to INT64 (nested)',
    before: [device(f('os', 'STRING', 'REQUIRED'))],
    after: [device(f('os', 'INT64', 'REQUIRED'))],
    kind: 'type-changed',
    path: 'context.device.os',
    description: 'type STRING -> INT64',
    backward: false,
    forward: false,
  },
  {
    rule: 'changing STRING to BYTES (an Avro promotion BigQuery does not coerce)',
    before: [f('payload', 'STRING')],
    after: [f('payload', 'BYTES')],
    kind: 'type-changed',
    path: 'payload',
    description: 'type STRING -> BYTES',
    backward: false,
    forward: false,
  },
  {
    rule: 'changing TIMESTAMP to STRING',
    before: [f('event_time', 'TIMESTAMP')],
    after: [f('event_time', 'STRING')],
    kind: 'type-changed',
    path: 'event_time',
    description: 'type TIMESTAMP -> STRING',
    backward: false,
    forward: false,
  },
  {
    rule: 'changing a RECORD into a scalar',
    before: [f('source', 'RECORD', undefined, [f('uri', 'STRING')])],
    after: [f('source', 'STRING')],
    kind: 'type-changed',
    path: 'source',
    description: 'type RECORD -> STRING',
    backward: false,
    forward: false,
  },
  {
    rule: 'renaming a NULLABLE field',
    before: [id, f('os', 'STRING'), f('model', 'STRING')],
    after: [id, f('os_name', 'STRING'), f('model', 'STRING')],
    kind: 'field-renamed',
    path: 'os_name',
    description: 'renamed from os (NULLABLE STRING)',
    backward: true,
    forward: true,
  },
  {
    rule: 'renaming a REQUIRED field',
    before: [id, f('user', 'STRING', 'REQUIRED')],
    after: [id, f('user_id', 'STRING', 'REQUIRED')],
    kind: 'field-renamed',
    path: 'user_id',
    description: 'renamed from user (REQUIRED STRING)',
    backward: false,
    forward: false,
  },
  {
    rule: 'adding a REQUIRED field to a nested record',
    before: [device(f('os', 'STRING'))],
    after: [device(f('os', 'STRING'), f('model', 'STRING', 'REQUIRED'))],
    kind: 'field-added',
    path: 'context.device.model',
    description: 'added (REQUIRED STRING)',
    backward: false,
    forward: true,
  },
  {
    rule: 'removing a NULLABLE field from a nested record',
    before: [device(f('os', 'STRING'), f('model', 'STRING'))],
    after: [device(f('os', 'STRING'))],
    kind: 'field-removed',
    path: 'context.device.model',
    description: 'removed (NULLABLE STRING)',
    backward: true,
    forward: true,
  },
  {
    rule: 'adding a NULLABLE field to a REPEATED record',
    before: [items(f('sku', 'STRING', 'REQUIRED'))],
    after: [items(f('sku', 'STRING', 'REQUIRED'), f('quantity', 'INT64'))],
    kind: 'field-added',
    path: 'items.quantity',
    description: 'added (NULLABLE INT64)',
    backward: true,
    forward: true,
  },
  {
    rule: 'changing a type inside a REPEATED record',
    before: [items(f('price', 'FLOAT64'))],
    after: [items(f('price', 'STRING'))],
    kind: 'type-changed',
    path: 'items.price',
    description: 'type FLOAT64 -> STRING',
    backward: false,
    forward: false,
  },
  {
    rule: 'making a REPEATED field single',
    before: [f('tags', 'STRING', 'REPEATED')],
    after: [f('tags', 'STRING')],
    kind: 'mode-changed',
    path: 'tags',
    description: 'mode REPEATED -> NULLABLE',
    backward: false,
    forward: false,
  },
  {
    rule: 'changing a PII classification',
    before: [{ ...f('user_id', 'STRING'), pii: 'none' }],
    after: [{ ...f('user_id', 'STRING'), pii: 'pseudonymize' }],
    kind: 'pii-changed',
    path: 'user_id',
    description: 'PII none -> pseudonymize',
    backward: true,
    forward: true,
  },
  {
    rule: 'changing a description',
    before: [{ ...f('country', 'STRING'), description: 'ISO code' }],
    after: [
      { ...f('country', 'STRING'), description: 'ISO 3166-1 alpha-2 code' },
    ],
    kind: 'description-changed',
    path: 'country',
    description: 'description changed',
    backward: true,
    forward: true,
  },
];

const MODES = ['BACKWARD', 'FORWARD', 'FULL', 'NONE'] as const;
const expectedFor = (mode: (typeof MODES)[number], b: boolean, fw: boolean) =>
  ({ BACKWARD: b, FORWARD: fw, FULL: b && fw, NONE: true }[mode]);

describe('schema compatibility rules', () => {
  describe.each(RULES)('$rule', row => {
    it(`is ${row.backward ? '' : 'not '}BACKWARD and ${
      row.forward ? '' : 'not '
    }FORWARD compatible`, () => {
      const changes = diffSchemas(row.before, row.after);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        kind: row.kind,
        path: row.path,
        description: row.description,
        backward: row.backward,
        forward: row.forward,
      });
    });

    it('swaps BACKWARD and FORWARD when reversed', () => {
      const reversed = diffSchemas(row.after, row.before);
      expect(reversed).toHaveLength(1);
      expect(reversed[0]).toMatchObject({
        backward: row.forward,
        forward: row.backward,
      });
    });

    it.each(MODES)('gets the verdict of the rule under %s', mode => {
      const report = checkCompatibility({
        mode,
        previous: [{ revision: 1, fields: row.before }],
        fields: row.after,
      });
      const halves = {
        BACKWARD: ['BACKWARD'],
        FORWARD: ['FORWARD'],
        FULL: ['BACKWARD', 'FORWARD'],
        NONE: [],
      }[mode];
      const failing = halves.filter(half =>
        half === 'BACKWARD' ? !row.backward : !row.forward,
      );
      expect(report.compatible).toBe(
        expectedFor(mode, row.backward, row.forward),
      );
      expect(report.issues.map(i => i.message)).toEqual(
        failing.map(
          half => `${row.path}: ${row.description} is not ${half} compatible`,
        ),
      );
    });
  });

  it('matches fields by name case-insensitively, as BigQuery does', () => {
    expect(
      diffSchemas([f('User_Id', 'STRING')], [f('user_id', 'STRING')]),
    ).toEqual([]);
  });

  it('reports a rename only for a field of the same shape at the same position', () => {
    const changes = diffSchemas(
      [id, f('os', 'STRING'), f('model', 'STRING')],
      [id, f('model', 'STRING'), f('os_version', 'INT64')],
    );
    expect(changes.map(c => `${c.kind} ${c.path}`)).toEqual([
      'field-added os_version',
      'field-removed os',
    ]);
  });

  it('lists every change of a larger evolution, removals after the fields that remain', () => {
    const changes = diffSchemas(
      [id, f('country', 'STRING', 'REQUIRED'), device(f('os', 'STRING'))],
      [
        id,
        device(f('os', 'INT64'), f('model', 'STRING')),
        f('tags', 'STRING', 'REPEATED'),
      ],
    );
    expect(changes.map(c => `${c.path}: ${c.description}`)).toEqual([
      'context.device.os: type STRING -> INT64',
      'context.device.model: added (NULLABLE STRING)',
      'tags: added (REPEATED STRING)',
      'country: removed (REQUIRED STRING)',
    ]);
  });
});
