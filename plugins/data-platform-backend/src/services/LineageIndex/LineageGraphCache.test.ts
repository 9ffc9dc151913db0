import {
  buildSnapshot,
  EdgeRow,
  neighbours,
  openLineageKey,
  outRange,
} from './LineageGraphCache';
import type { NodeRow } from './types';

const node = (id: number, name: string, registered = true): NodeRow =>
  ({
    id,
    kind: 'DataEndpoint',
    title: name,
    entity_ref: registered ? `dataendpoint:default/${name}` : null,
    entity_etag: registered ? 'etag' : null,
    owner: null,
    ol_namespace: 'bigquery',
    ol_name: `tunewave.listening.${name}`,
  } as NodeRow);

describe('buildSnapshot', () => {
  it('indexes nodes by ref and OpenLineage name, and edges both ways', async () => {
    const snapshot = await buildSnapshot(
      '7',
      [node(1, 'plays'), node(2, 'plays-hourly'), node(4, 'scratch', false)],
      [
        { from_id: 1, to_id: 2, declared_by: 'x', last_seen_at: null },
        { from_id: 1, to_id: 4, declared_by: null, last_seen_at: '1000' },
        { from_id: 2, to_id: 4, declared_by: 'y', last_seen_at: 2000 },
      ],
    );
    expect(snapshot.version).toBe('7');
    expect(snapshot.byEntityRef.get('dataendpoint:default/plays-hourly')).toBe(
      2,
    );
    expect(
      snapshot.byOpenLineage.get(
        openLineageKey('bigquery', 'tunewave.listening.scratch'),
      ),
    ).toBe(4);
    expect([...neighbours(snapshot, 1, 1)]).toEqual([2, 4]);
    expect([...neighbours(snapshot, 4, -1)]).toEqual([1, 2]);
    expect([...neighbours(snapshot, 3, 1)]).toEqual([]);
    const [from, to] = outRange(snapshot, 1);
    expect([...snapshot.outDeclared.subarray(from, to)]).toEqual([1, 0]);
    expect([...snapshot.outLastSeen.subarray(from, to)]).toEqual([NaN, 1000]);
  });

  it('gives the event loop back while building a large graph, and builds the same graph', async () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) =>
      node(i + 1, `endpoint-${i}`),
    );
    const edges: EdgeRow[] = Array.from({ length: 30_000 }, (_, i) => ({
      from_id: 1 + ((i * 7919) % 10_000),
      to_id: 1 + ((i * 104_729) % 10_000),
      declared_by: null,
      last_seen_at: i,
    }));
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const sliced = await buildSnapshot('1', nodes, edges, 0);
    running = false;
    const turnsWhileBuilding = turns;
    const whole = await buildSnapshot('1', nodes, edges, Infinity);

    // 40,000 rows, with a pause every 1,024 of them.
    expect(turnsWhileBuilding).toBeGreaterThan(20);
    expect(sliced.outTargets).toEqual(whole.outTargets);
    expect(sliced.inTargets).toEqual(whole.inTargets);
    expect(sliced.outLastSeen).toEqual(whole.outLastSeen);
    expect(sliced.byEntityRef).toEqual(whole.byEntityRef);
  });
});
