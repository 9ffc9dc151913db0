import { exampleEvent, inferSchemaFromSample } from './sampleEvent';

describe('inferSchemaFromSample', () => {
  it('infers types, nested records and repeated fields from one event', () => {
    const { fields, warnings } = inferSchemaFromSample(
      JSON.stringify({
        event_id: 'b7c1',
        event_time: '2025-01-31T12:00:00.123Z',
        day: '2025-01-31',
        ms_played: 31000,
        volume: 0.8,
        shuffle: false,
        'track-id': 'tw:track:1',
        context: { device: { os: 'ios', os_version: '18.1' } },
        queue: [
          { track_id: 'a', position: 1 },
          { track_id: 'b', position: 2, skipped: true },
        ],
        tags: ['a', 'b'],
        referrer: null,
      }),
    );
    expect(fields).toEqual([
      { name: 'event_id', type: 'STRING', mode: 'NULLABLE' },
      { name: 'event_time', type: 'TIMESTAMP', mode: 'NULLABLE' },
      { name: 'day', type: 'DATE', mode: 'NULLABLE' },
      { name: 'ms_played', type: 'INT64', mode: 'NULLABLE' },
      { name: 'volume', type: 'FLOAT64', mode: 'NULLABLE' },
      { name: 'shuffle', type: 'BOOL', mode: 'NULLABLE' },
      { name: 'track_id', type: 'STRING', mode: 'NULLABLE' },
      {
        name: 'context',
        type: 'RECORD',
        mode: 'NULLABLE',
        fields: [
          {
            name: 'device',
            type: 'RECORD',
            mode: 'NULLABLE',
            fields: [
              { name: 'os', type: 'STRING', mode: 'NULLABLE' },
              { name: 'os_version', type: 'STRING', mode: 'NULLABLE' },
            ],
          },
        ],
      },
      {
        name: 'queue',
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [
          { name: 'track_id', type: 'STRING', mode: 'NULLABLE' },
          { name: 'position', type: 'INT64', mode: 'NULLABLE' },
          { name: 'skipped', type: 'BOOL', mode: 'NULLABLE' },
        ],
      },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      {
        name: 'referrer',
        type: 'STRING',
        mode: 'NULLABLE',
        description: 'Only null in the samples: check the type.',
      },
    ]);
    expect(warnings).toEqual([
      'track_id: renamed from "track-id" to fit BigQuery\'s naming rules',
      'referrer: only null in the samples, typed STRING',
    ]);
  });

  it('merges several events in newline-delimited JSON', () => {
    const { fields, warnings } = inferSchemaFromSample(
      [
        '{"a": 1, "b": "x", "c": null}',
        '{"a": 1.5, "b": "2025-01-01", "c": 3, "d": true}',
        '{"b": 7}',
      ].join('\n'),
    );
    expect(fields.map(f => `${f.name} ${f.type}`)).toEqual([
      'a FLOAT64',
      'b JSON',
      'c INT64',
      'd BOOL',
    ]);
    expect(warnings).toEqual([
      'b: holds both STRING and INT64 values; stored as JSON',
    ]);
  });

  it('refuses what is not a JSON object', () => {
    expect(() => inferSchemaFromSample('[1, 2]')).toThrow(
      'a sample event must be a JSON object',
    );
    expect(() => inferSchemaFromSample('{oops')).toThrow(
      'neither JSON nor newline-delimited JSON',
    );
  });

  it('writes an example event of the same shape', () => {
    const event = exampleEvent([
      { name: 'id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'at', type: 'TIMESTAMP' },
      {
        name: 'items',
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [{ name: 'qty', type: 'INT64' }],
      },
    ]);
    expect(event).toEqual({
      id: 'text',
      at: '2025-01-31T12:00:00Z',
      items: [{ qty: 42 }],
    });
    expect(
      inferSchemaFromSample(event).fields.map(
        f => `${f.name} ${f.mode} ${f.type}`,
      ),
    ).toEqual([
      'id NULLABLE STRING',
      'at NULLABLE TIMESTAMP',
      'items REPEATED RECORD',
    ]);
  });
});
