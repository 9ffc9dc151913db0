import type { SchemaField } from '../schema/fields';
import {
  checkCompatibility,
  compatibilityDirections,
} from './checkCompatibility';
import {
  checkSchemaEvolution,
  nextSchemaRevision,
  schemaRevisions,
} from './evolve';

const s = (
  name: string,
  type: SchemaField['type'],
  mode?: SchemaField['mode'],
): SchemaField => ({ name, type, ...(mode ? { mode } : {}) });

describe('checkCompatibility', () => {
  it('accepts anything for the first revision', () => {
    const report = checkCompatibility({
      mode: 'FULL_TRANSITIVE',
      previous: [],
      fields: [s('a', 'STRING', 'REQUIRED')],
    });
    expect(report).toMatchObject({
      compatible: true,
      checkedAgainst: [],
      issues: [],
    });
  });

  it('names the halves each mode checks', () => {
    expect(compatibilityDirections('BACKWARD_TRANSITIVE')).toEqual([
      'BACKWARD',
    ]);
    expect(compatibilityDirections('FORWARD')).toEqual(['FORWARD']);
    expect(compatibilityDirections('FULL')).toEqual(['BACKWARD', 'FORWARD']);
    expect(compatibilityDirections('NONE')).toEqual([]);
  });

  // rev 1 had `a` as a STRING; rev 2 dropped it; rev 3 brings it back as INT64.
  const typeHistory = [
    { revision: 1, fields: [s('id', 'STRING', 'REQUIRED'), s('a', 'STRING')] },
    { revision: 2, fields: [s('id', 'STRING', 'REQUIRED')] },
  ];
  const typeProposal = [s('id', 'STRING', 'REQUIRED'), s('a', 'INT64')];

  it('BACKWARD compares with the latest revision only', () => {
    const report = checkCompatibility({
      mode: 'BACKWARD',
      previous: typeHistory,
      fields: typeProposal,
    });
    expect(report).toMatchObject({ compatible: true, checkedAgainst: [2] });
    expect(report.changes.map(c => c.description)).toEqual([
      'added (NULLABLE INT64)',
    ]);
  });

  it('BACKWARD_TRANSITIVE compares with every earlier revision and names it', () => {
    const report = checkCompatibility({
      mode: 'BACKWARD_TRANSITIVE',
      previous: typeHistory,
      fields: typeProposal,
    });
    expect(report.compatible).toBe(false);
    expect(report.checkedAgainst).toEqual([1, 2]);
    expect(report.issues.map(i => i.message)).toEqual([
      'a: type STRING -> INT64 is not BACKWARD compatible with revision 1',
    ]);
  });

  // rev 1 had a REQUIRED `b` that rev 2 removed (under an earlier mode): readers
  // still on rev 1 cannot read rev 3 either.
  const removalHistory = [
    { revision: 1, fields: [s('a', 'STRING'), s('b', 'STRING', 'REQUIRED')] },
    { revision: 2, fields: [s('a', 'STRING')] },
  ];
  const removalProposal = [s('a', 'STRING'), s('c', 'INT64')];

  it('FORWARD passes where FORWARD_TRANSITIVE fails', () => {
    expect(
      checkCompatibility({
        mode: 'FORWARD',
        previous: removalHistory,
        fields: removalProposal,
      }).compatible,
    ).toBe(true);
    const report = checkCompatibility({
      mode: 'FORWARD_TRANSITIVE',
      previous: removalHistory,
      fields: removalProposal,
    });
    expect(report.issues.map(i => i.message)).toEqual([
      'b: removed (REQUIRED STRING) is not FORWARD compatible with revision 1',
    ]);
  });

  it('FULL_TRANSITIVE reports both halves against every revision', () => {
    const report = checkCompatibility({
      mode: 'FULL_TRANSITIVE',
      previous: [...removalHistory, { revision: 3, fields: removalProposal }],
      fields: [s('a', 'STRING', 'REQUIRED'), s('c', 'INT64')],
    });
    expect(
      report.issues.map(i => `${i.direction} ${i.againstRevision} ${i.path}`),
    ).toEqual(['BACKWARD 1 a', 'FORWARD 1 b', 'BACKWARD 2 a', 'BACKWARD 3 a']);
  });

  it('NONE lists the changes but refuses none', () => {
    const report = checkCompatibility({
      mode: 'NONE',
      previous: removalHistory,
      fields: [s('a', 'BYTES', 'REQUIRED')],
    });
    expect(report.compatible).toBe(true);
    expect(report.changes.map(c => c.description)).toEqual([
      'type STRING -> BYTES',
      'mode NULLABLE -> REQUIRED',
    ]);
  });

  it('sorts earlier revisions by number whatever order they come in', () => {
    const report = checkCompatibility({
      mode: 'BACKWARD',
      previous: [...typeHistory].reverse(),
      fields: typeProposal,
    });
    expect(report.checkedAgainst).toEqual([2]);
  });
});

describe('schema evolution of an event type', () => {
  const schema = {
    revision: 2,
    compatibility: 'FULL' as const,
    fields: [s('a', 'STRING'), s('b', 'INT64')],
    history: [
      {
        revision: 1,
        fields: [s('a', 'STRING')],
        createdAt: '2024-01-01T00:00:00Z',
      },
    ],
  };

  it('lists every revision, the current one last', () => {
    expect(schemaRevisions(schema).map(r => r.revision)).toEqual([1, 2]);
  });

  it('checks under the event type mode unless another is asked for', () => {
    const widened = [s('a', 'STRING'), s('b', 'FLOAT64')];
    expect(
      checkSchemaEvolution(schema, widened).issues.map(i => i.message),
    ).toEqual(['b: type INT64 -> FLOAT64 is not FORWARD compatible']);
    expect(checkSchemaEvolution(schema, widened, 'BACKWARD').compatible).toBe(
      true,
    );
  });

  it('increments the revision and moves the current fields into the history', () => {
    const next = nextSchemaRevision(schema, [s('a', 'STRING')], {
      current: { createdAt: '2024-06-01T00:00:00Z', comment: 'add b' },
    });
    expect(next).toEqual({
      revision: 3,
      compatibility: 'FULL',
      fields: [s('a', 'STRING')],
      history: [
        schema.history[0],
        {
          revision: 2,
          fields: schema.fields,
          createdAt: '2024-06-01T00:00:00Z',
          comment: 'add b',
        },
      ],
    });
  });
});
