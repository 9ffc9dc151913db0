import type { LineageGraph, LineageNode } from '../lineage/types';
import { diffSchemas } from './diffSchemas';
import {
  columnReadsField,
  consumerImpact,
  consumersByField,
  describeConsumerPath,
  lineageColumnsFor,
} from './consumerImpact';

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

const impactOf = (
  changes: ReturnType<typeof diffSchemas>,
  lineage = columnLineage,
) =>
  consumerImpact({
    changes,
    consumers: consumersByField({
      paths: changes.flatMap(c => [
        c.path,
        ...(c.fromPath ? [c.fromPath] : []),
      ]),
      graph,
      columnLineage: lineage,
    }),
  });

describe('consumerImpact', () => {
  it('knows nested fields by their parents too', () => {
    expect(lineageColumnsFor('context.device.os')).toEqual([
      'context.device.os',
      'context.device',
      'context',
    ]);
    expect(columnReadsField('context', 'context.device.os')).toBe(true);
    expect(columnReadsField('context.device.os', 'context')).toBe(true);
    expect(columnReadsField('context.device.os', 'context.device.os')).toBe(
      true,
    );
    expect(columnReadsField('context.device', 'context.devices')).toBe(false);
    expect(columnReadsField('context.country', 'context.device.os')).toBe(
      false,
    );
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
    const impact = impactOf(changes);
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
      through: {
        endpoint: 'dataendpoint:default/track-played-raw',
        endpointTitle: 'track-played-raw',
        column: 'user_id',
      },
    });
  });

  it('matches a nested field to column lineage recorded for its full path', () => {
    // As OpenLineage records it: the input field is the nested path itself.
    const nested = [
      {
        node: 'dataendpoint:default/track-played-raw',
        column: 'context.device.os',
        upstream: [],
        downstream: [
          {
            ...columnEdge('context.device.os', 'platform'),
            via: 'pipeline:default/sessionize',
          },
        ],
      },
    ];
    const device = (os: 'STRING' | 'INT64') => [
      {
        name: 'context',
        type: 'RECORD' as const,
        fields: [
          {
            name: 'device',
            type: 'RECORD' as const,
            fields: [{ name: 'os', type: os }],
          },
          { name: 'country', type: 'STRING' as const },
        ],
      },
    ];
    const [osChange] = impactOf(
      diffSchemas(device('STRING'), device('INT64')),
      nested,
    );
    expect(osChange.change.path).toBe('context.device.os');
    expect(osChange.consumers.map(c => `${c.evidence} ${c.title}`)).toEqual([
      'column sessionize',
      'column sessions',
      'endpoint royalties',
    ]);
    expect(describeConsumerPath(osChange.consumers[0])).toBe(
      'track-played-raw#context.device.os -> sessions#platform',
    );
    expect(describeConsumerPath(osChange.consumers[2])).toBe(
      'track-played-raw (all of it: no column lineage says which fields)',
    );

    // A sibling of the recorded field is not read by sessionize.
    const byField = consumersByField({
      paths: ['context.country', 'context'],
      graph,
      columnLineage: nested,
    });
    expect(byField['context.country'].map(c => c.title)).toEqual(['royalties']);
    // Removing the whole record breaks what reads a field inside it.
    expect(byField.context.map(c => c.title)).toEqual([
      'sessionize',
      'sessions',
      'royalties',
    ]);
  });

  it('breaks the readers of the old path of a renamed field', () => {
    const renamed = consumerImpact({
      changes: [
        {
          kind: 'field-renamed',
          path: 'uid',
          fromPath: 'user_id',
          description: 'renamed from user_id',
          backward: false,
          forward: false,
        },
      ],
      consumers: consumersByField({
        paths: ['user_id'],
        graph,
        columnLineage,
      }),
    });
    expect(renamed[0].consumers.map(c => c.title)).toEqual([
      'sessionize',
      'sessions',
      'royalties',
    ]);
  });

  it("leaves out the event type's own delivery from its topic to its raw table", () => {
    const withDelivery: LineageGraph = {
      ...graph,
      nodes: [
        ...graph.nodes,
        node('dataendpoint:default/track-played-topic', 'DataEndpoint', 1),
        node('pipeline:default/track-played-ingest', 'Pipeline', 2),
      ],
      edges: [
        ...graph.edges,
        {
          from: 'dataendpoint:default/track-played-topic',
          to: 'pipeline:default/track-played-ingest',
          source: 'declared',
        },
        {
          from: 'pipeline:default/track-played-ingest',
          to: 'dataendpoint:default/track-played-raw',
          source: 'declared',
        },
      ],
    };
    const { a } = consumersByField({ paths: ['a'], graph: withDelivery });
    expect(a.map(c => c.title)).toEqual(['sessionize', 'royalties']);
  });

  it('falls back to the readers of the landing endpoints without lineage for columns', () => {
    const changes = diffSchemas(
      [{ name: 'a', type: 'STRING', mode: 'REQUIRED' }],
      [],
    );
    const [impact] = impactOf(changes, []);
    expect(impact.consumers.map(c => `${c.evidence} ${c.title}`)).toEqual([
      'endpoint sessionize',
      'endpoint royalties',
    ]);
  });
});
