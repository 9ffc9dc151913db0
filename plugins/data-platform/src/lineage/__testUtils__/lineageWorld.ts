import type {
  LineageEdge,
  LineageEdgeSource,
  LineageNode,
  LineageNodeKind,
} from '@dataplatform/backstage-plugin-data-platform-common';

type WorldNode = Omit<
  LineageNode,
  'depth' | 'upstreamCount' | 'downstreamCount'
>;

const node = (
  kind: LineageNodeKind,
  id: string,
  title: string,
  registered = true,
): WorldNode => ({
  id,
  kind,
  title,
  registered,
  owner: registered ? 'group:default/data-eng' : undefined,
  openLineage: registered
    ? undefined
    : { namespace: kind === 'Job' ? 'airflow' : 'bigquery', name: title },
});
const edge = (
  from: string,
  to: string,
  source: LineageEdgeSource,
  seenHoursAgo?: number,
): LineageEdge => ({
  from,
  to,
  source,
  ...(seenHoursAgo !== undefined && {
    lastSeenAt: new Date(Date.now() - seenHoursAgo * 3_600_000).toISOString(),
  }),
});

export const PLAY_EVENT = 'eventtype:default/play-event';
export const PLAYS_RAW = 'dataendpoint:default/plays-raw';
export const PLAYS_JOB = 'pipeline:default/plays-hourly-job';
export const PLAYS_HOURLY = 'dataendpoint:default/plays-hourly';
export const TOP_TRACKS_JOB = 'pipeline:default/top-tracks';
export const TOP_TRACKS = 'dataendpoint:default/top-tracks-daily';
export const EXPORT_JOB = 'openlineage:job:airflow/export-plays';
export const EXPORT_TABLE =
  'openlineage:dataset:bigquery/analytics.plays_export';
export const LONELY = 'dataendpoint:default/lonely-table';
export const SINK_WRITER = 'pipeline:default/sink-writer';
export const MISSING_SINK = 'dataendpoint:default/brand-new-sink';

/**
 * A small lineage index shaped like the example platform: an event type,
 * its raw endpoint, an hourly pipeline, the endpoint under test, two
 * consumers (one registered, one seen only in OpenLineage); apart from them,
 * a pipeline whose output the catalog does not have, and a lonely table.
 */
export function lineageWorld() {
  const nodes: WorldNode[] = [
    node('EventType', PLAY_EVENT, 'play-event'),
    node('DataEndpoint', PLAYS_RAW, 'plays-raw'),
    node('Pipeline', PLAYS_JOB, 'plays-hourly-job'),
    node('DataEndpoint', PLAYS_HOURLY, 'plays-hourly'),
    node('Pipeline', TOP_TRACKS_JOB, 'top-tracks'),
    node('DataEndpoint', TOP_TRACKS, 'top-tracks-daily'),
    node('Job', EXPORT_JOB, 'export-plays', false),
    node('Dataset', EXPORT_TABLE, 'analytics.plays_export', false),
    node('DataEndpoint', LONELY, 'lonely-table'),
    // A pipeline whose YAML names an output the catalog does not have.
    node('Pipeline', SINK_WRITER, 'sink-writer'),
    {
      ...node('DataEndpoint', MISSING_SINK, 'brand-new-sink'),
      registered: false,
    },
  ];
  const edges: LineageEdge[] = [
    edge(PLAY_EVENT, PLAYS_RAW, 'declared'),
    edge(PLAYS_RAW, PLAYS_JOB, 'both', 2),
    edge(PLAYS_JOB, PLAYS_HOURLY, 'both', 2),
    edge(PLAYS_HOURLY, TOP_TRACKS_JOB, 'declared'),
    edge(TOP_TRACKS_JOB, TOP_TRACKS, 'declared'),
    edge(PLAYS_HOURLY, EXPORT_JOB, 'observed', 26),
    edge(EXPORT_JOB, EXPORT_TABLE, 'observed', 26),
    edge(SINK_WRITER, MISSING_SINK, 'declared'),
  ];
  return { nodes, edges };
}
