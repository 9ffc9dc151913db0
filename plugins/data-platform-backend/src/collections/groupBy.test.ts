import { groupBy } from './groupBy';

const partitions = [
  { pipelineRef: 'pipeline:default/plays-daily', start: 100 },
  { pipelineRef: 'pipeline:default/streams-hourly', start: 200 },
  { pipelineRef: 'pipeline:default/plays-daily', start: 200 },
  { pipelineRef: 'pipeline:default/streams-hourly', start: 100 },
];

describe('groupBy', () => {
  it('groups items by key, keeping their order and the first-seen key order', () => {
    const byStart = groupBy(partitions, p => p.start);

    expect([...byStart.keys()]).toEqual([100, 200]);
    expect(byStart.get(100)).toEqual([partitions[0], partitions[3]]);
    expect(byStart.get(200)).toEqual([partitions[1], partitions[2]]);
  });

  it('keeps what valueOf answers for each item', () => {
    expect(
      groupBy(
        partitions,
        p => p.pipelineRef,
        p => p.start,
      ),
    ).toEqual(
      new Map([
        ['pipeline:default/plays-daily', [100, 200]],
        ['pipeline:default/streams-hourly', [200, 100]],
      ]),
    );
  });

  it('answers no groups for no items', () => {
    expect(groupBy([], () => 'all').size).toBe(0);
  });
});
