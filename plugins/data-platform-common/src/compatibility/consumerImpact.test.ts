import type { LineageGraph, LineageNode } from '../lineage/types';
import { diffSchemas } from './diffSchemas';
import { consumerImpact, lineageColumnsFor } from './consumerImpact';

const node = (
  id: string,
  kind: LineageNode['kind'],
  depth: number,
): LineageNode => ({
  id,
  kind,
  depth,
  title: id.split('/')[1],
  registered: true,
  owner: 'group:default/team',
  upstreamCount: 0,
  downstreamCount: 0,
});

// track-played lands in a raw table; sessionize reads it (column lineage known),
// royalties reads it (no column lineage).
const graph: LineageGraph = {
  root: 'eventtype:default/track-played',
  nodes: [
    node('eventtype:default/track-played', 'EventType', 0),
    node('dataendpoint:default/track-played-raw', 'DataEndpoint', 1),
    node('pipeline:default/sessionize', 'Pipeline', 2),
    node('pipeline:default/royalties', 'Pipeline', 2),
    node('dataendpoint:default/sessions', 'DataEndpoint', 3),
  ],
  edges: [
    {
      from: 'eventtype:default/track-played',
      to: 'dataendpoint:default/track-played-raw',
      source: 'declared',
    },
    {
      from: 'dataendpoint:default/track-played-raw',
      to: 'pipeline:default/sessionize',
      source: 'declared',
    },
    {
      from: 'dataendpoint:default/track-played-raw',
      to: 'pipeline:default/royalties',
      source: 'declared',
    },
    {
      from: 'pipeline:default/sessionize',
      to: 'dataendpoint:default/sessions',
      source: 'both',
    },
  ],
};
const columnEdge = (column: string, to: string) => ({
  from: { node: 'dataendpoint:default/track-played-raw', column },
  to: { node: 'dataendpoint:default/sessions', column: to },
  transformations: [{ type: 'DIRECT' as const }],
});
const columnLineage = [
  {
    node: 'dataendpoint:default/track-played-raw',
    column: 'user_id',
    upstream: [],
    downstream: [columnEdge('user_id', 'user_id')],
  },
  {
    node: 'dataendpoint:default/track-played-raw',
    column: 'context',
    upstream: [],
    downstream: [columnEdge('context', 'device_os')],
  },
  {
    node: 'dataendpoint:default/track-played-raw',
    column: 'shuffle',
    upstream: [],
    downstream: [],
  },
];

describe('consumerImpact', () => {
  it('knows nested fields by their parents too', () => {
    expect(lineageColumnsFor('context.device.os')).toEqual([
      'context.device.os',
      'context.device',
      'context',
    ]);
  });

  it('lists per field the readers column lineage names, and the readers without column lineage', () => {
    const changes = diffSchemas(
      [
        { name: 'user_id', type: 'STRING' },
        { name: 'shuffle', type: 'BOOL' },
        {
          name: 'context',
          type: 'RECORD',
          fields: [{ name: 'os', type: 'STRING' }],
        },
      ],
      [
        { name: 'user_id', type: 'STRING', pii: 'drop' },
        {
          name: 'context',
          type: 'RECORD',
          fields: [{ name: 'os', type: 'INT64' }],
        },
        { name: 'country', type: 'STRING' },
      ],
    );
    const impact = consumerImpact({ changes, graph, columnLineage });
    const summary = Object.fromEntries(
      impact.map(i => [
        i.change.path,
        i.consumers.map(c => `${c.evidence} ${c.title}`),
      ]),
    );
    expect(summary).toEqual({
      user_id: ['column sessionize', 'column sessions', 'endpoint royalties'],
      'context.os': [
        'column sessionize',
        'column sessions',
        'endpoint royalties',
      ],
      shuffle: ['endpoint royalties'],
    });
    expect(
      impact.find(i => i.change.path === 'user_id')?.consumers[0],
    ).toMatchObject({
      id: 'pipeline:default/sessionize',
      owner: 'group:default/team',
      columns: ['dataendpoint:default/sessions#user_id'],
    });
  });

  it('falls back to the readers of the landing endpoints without lineage for columns', () => {
    const changes = diffSchemas(
      [{ name: 'a', type: 'STRING', mode: 'REQUIRED' }],
      [],
    );
    const [impact] = consumerImpact({ changes, graph });
    expect(impact.consumers.map(c => `${c.evidence} ${c.title}`)).toEqual([
      'endpoint sessionize',
      'endpoint royalties',
    ]);
  });
});
