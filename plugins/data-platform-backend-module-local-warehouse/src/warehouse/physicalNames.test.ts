import { columnIndexName, physicalTableName } from './physicalNames';

describe('physicalTableName', () => {
  it('reads as the table’s address and ends in a hash of it', () => {
    expect(
      physicalTableName({
        project: 'tunewave-raw',
        dataset: 'events',
        table: 'track_played',
      }),
    ).toMatch(/^tunewave_raw__events__track_played_[0-9a-f]{12}$/);
  });

  it('keeps apart addresses that read alike', () => {
    const names = [
      { project: 'tunewave-raw', dataset: 'events', table: 'plays' },
      { project: 'tunewave_raw', dataset: 'events', table: 'plays' },
      { project: 'tunewave-raw', dataset: 'events', table: 'Plays' },
      { project: 'tunewave-raw', dataset: 'events_', table: '_plays' },
      { project: 'tunewave-raw', dataset: 'events__', table: 'plays' },
    ].map(physicalTableName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('stays within PostgreSQL’s 63 bytes however long the names', () => {
    const name = physicalTableName({
      project: 'a-very-long-project-name-30ch',
      dataset: 'd'.repeat(1024),
      table: 'é'.repeat(1024),
    });
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9_]+$/);
    expect(
      physicalTableName({
        project: 'a-very-long-project-name-30ch',
        dataset: 'd'.repeat(1024),
        table: 'è'.repeat(1024),
      }),
    ).not.toBe(name);
  });

  it('is the same name every time', () => {
    const ref = { project: 'p', dataset: 'd', table: 't' };
    expect(physicalTableName(ref)).toBe(physicalTableName({ ...ref }));
  });
});

describe('columnIndexName', () => {
  it('names each index of each table apart, within 63 bytes', () => {
    const a = physicalTableName({ project: 'p', dataset: 'd', table: 'a' });
    const b = physicalTableName({ project: 'p', dataset: 'd', table: 'b' });
    const names = [
      columnIndexName(a, 'partition', 'event_time'),
      columnIndexName(a, 'clustering', 'event_time'),
      columnIndexName(a, 'clustering', 'user_id'),
      columnIndexName(b, 'clustering', 'user_id'),
    ];
    expect(new Set(names).size).toBe(4);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(63);
  });
});
