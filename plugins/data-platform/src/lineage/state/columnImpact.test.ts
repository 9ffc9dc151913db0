import type {
  ColumnLineage,
  ColumnLineageEdge,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { columnImpact } from './columnImpact';

const col = (node: string, column: string) => ({ node, column });
const edge = (
  from: [string, string],
  to: [string, string],
  type: 'DIRECT' | 'INDIRECT' = 'DIRECT',
  via?: string,
): ColumnLineageEdge => ({
  from: col(...from),
  to: col(...to),
  transformations: [{ type }],
  ...(via ? { via } : {}),
});

// hourly.user_id feeds daily.listeners directly and daily.country only as a
// GROUP BY; daily.listeners feeds report.listeners; report.listeners also
// comes from daily.country (a join), so it is reached by two edges at hop 2.
const lineage: ColumnLineage = {
  node: 'hourly',
  column: 'user_id',
  upstream: [
    edge(['raw', 'user_id'], ['hourly', 'user_id'], 'DIRECT', 'clean'),
    edge(['raw', 'event_id'], ['hourly', 'user_id'], 'INDIRECT', 'clean'),
    edge(['events', 'user_id'], ['raw', 'user_id']),
  ],
  downstream: [
    edge(['hourly', 'user_id'], ['daily', 'listeners'], 'DIRECT', 'agg'),
    edge(['hourly', 'user_id'], ['daily', 'country'], 'INDIRECT', 'agg'),
    edge(['daily', 'listeners'], ['report', 'listeners']),
    edge(['daily', 'country'], ['report', 'listeners'], 'INDIRECT'),
    // A cycle back to the focused column is not listed.
    edge(['report', 'listeners'], ['hourly', 'user_id']),
  ],
};
const titles: Record<string, string> = {
  raw: 'Raw plays',
  events: 'Play events',
  daily: 'Daily plays',
  report: 'A report',
};
const titleOf = (id: string) => titles[id] ?? id;

describe('columnImpact', () => {
  it('lists each column once at its fewest hops, with every edge from the hop before', () => {
    const down = columnImpact(lineage, 'downstream', {
      directOnly: false,
      titleOf,
    });
    expect(down.rows.map(r => [r.hop, r.column.node, r.column.column])).toEqual(
      [
        [1, 'daily', 'country'],
        [1, 'daily', 'listeners'],
        [2, 'report', 'listeners'],
      ],
    );
    expect(down.rows[2].links.map(l => l.next)).toEqual([
      col('daily', 'listeners'),
      col('daily', 'country'),
    ]);
    expect(down.rows[0].links).toEqual([
      {
        next: col('hourly', 'user_id'),
        transformations: [{ type: 'INDIRECT' }],
        via: 'agg',
      },
    ]);
    expect(down.nodes).toBe(2);
    expect(down.hidden).toBe(0);
  });

  it('sorts a hop by node title, then column', () => {
    const up = columnImpact(lineage, 'upstream', {
      directOnly: false,
      titleOf,
    });
    expect(up.rows.map(r => [r.hop, titleOf(r.column.node)])).toEqual([
      [1, 'Raw plays'],
      [1, 'Raw plays'],
      [2, 'Play events'],
    ]);
    expect(up.rows.map(r => r.column.column)).toEqual([
      'event_id',
      'user_id',
      'user_id',
    ]);
  });

  it('follows DIRECT edges only when asked, and counts what that hides', () => {
    const down = columnImpact(lineage, 'downstream', {
      directOnly: true,
      titleOf,
    });
    expect(down.rows.map(r => [r.hop, r.column.node, r.column.column])).toEqual(
      [
        [1, 'daily', 'listeners'],
        [2, 'report', 'listeners'],
      ],
    );
    // report.listeners is still reached, through the direct edge alone.
    expect(down.rows[1].links.map(l => l.next)).toEqual([
      col('daily', 'listeners'),
    ]);
    expect(down.hidden).toBe(1);

    const up = columnImpact(lineage, 'upstream', { directOnly: true, titleOf });
    expect(up.rows.map(r => `${r.column.node}.${r.column.column}`)).toEqual([
      'raw.user_id',
      'events.user_id',
    ]);
    expect(up.hidden).toBe(1);
  });

  it('is empty for a column without lineage', () => {
    expect(
      columnImpact(
        { node: 'a', column: 'b', upstream: [], downstream: [] },
        'downstream',
        { directOnly: true, titleOf },
      ),
    ).toEqual({ rows: [], nodes: 0, hidden: 0 });
  });
});
