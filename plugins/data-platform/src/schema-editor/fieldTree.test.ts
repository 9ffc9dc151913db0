import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  addField,
  fieldAt,
  moveField,
  problemsByPosition,
  removeField,
  updateField,
} from './fieldTree';

const fields: SchemaField[] = [
  { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
  {
    name: 'context',
    type: 'RECORD',
    fields: [
      { name: 'os', type: 'STRING' },
      { name: 'model', type: 'STRING' },
    ],
  },
];

describe('field tree edits', () => {
  it('changes a nested field without touching the others', () => {
    const next = updateField(fields, [1, 0], { type: 'INT64' });
    expect(fieldAt(next, [1, 0])).toEqual({ name: 'os', type: 'INT64' });
    expect(next[0]).toBe(fields[0]);
    expect(fields[1].fields![0].type).toBe('STRING');
  });

  it('gives a new RECORD a first nested field and drops them when it stops being one', () => {
    const record = updateField(fields, [0], { type: 'RECORD' });
    expect(record[0].fields).toEqual([
      { name: '', type: 'STRING', mode: 'NULLABLE' },
    ]);
    expect(updateField(fields, [1], { type: 'JSON' })[1]).toEqual({
      name: 'context',
      type: 'JSON',
    });
  });

  it('adds, removes and reorders at any level', () => {
    expect(addField(fields, [1])[1].fields!.map(f => f.name)).toEqual([
      'os',
      'model',
      '',
    ]);
    expect(addField(fields, []).map(f => f.name)).toEqual([
      'event_id',
      'context',
      '',
    ]);
    expect(removeField(fields, [1, 0])[1].fields!.map(f => f.name)).toEqual([
      'model',
    ]);
    expect(moveField(fields, [1, 1], -1)[1].fields!.map(f => f.name)).toEqual([
      'model',
      'os',
    ]);
    expect(moveField(fields, [0], -1)).toEqual(fields);
  });

  it('indexes problems by position and property', () => {
    const byPosition = problemsByPosition([
      { path: '[1].fields[0].name', message: 'bad name' },
      { path: '[1].fields', message: 'too deep' },
      { path: '', message: 'no fields' },
    ]);
    expect(byPosition.get('1.0')).toEqual({ name: ['bad name'] });
    expect(byPosition.get('1')).toEqual({ fields: ['too deep'] });
    expect(byPosition.get('')).toEqual({ field: ['no fields'] });
  });
});
