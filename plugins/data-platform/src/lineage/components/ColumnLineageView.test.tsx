import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import type {
  ColumnLineage,
  LineageNode,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { FakeLineageBackend } from '../__testUtils__/lineageBackend';
import {
  EXPORT_JOB,
  EXPORT_TABLE,
  PLAYS_HOURLY,
  PLAYS_JOB,
  PLAYS_RAW,
  TOP_TRACKS,
} from '../__testUtils__/lineageWorld';
import {
  PageQuery,
  pageQuery,
  renderLineage,
} from '../__testUtils__/renderLineage';
import { ColumnLineagePanel } from './ColumnLineagePanel';
import { ColumnLineageView } from './ColumnLineageView';
import { EntityLineageContent } from './EntityLineageContent';

configure({ asyncUtilTimeout: 10000 });

const backend = FakeLineageBackend.forSuite();

// plays-hourly: user_token is a masked user_id of plays-raw, and feeds
// top-tracks' listeners; track_id is copied; session_id is in no schema.
const userToken: ColumnLineage = {
  node: PLAYS_HOURLY,
  column: 'user_token',
  upstream: [
    {
      from: { node: PLAYS_RAW, column: 'user_id' },
      to: { node: PLAYS_HOURLY, column: 'user_token' },
      transformations: [
        { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true },
        { type: 'INDIRECT', subtype: 'FILTER' },
      ],
      via: PLAYS_JOB,
    },
  ],
  downstream: [
    {
      from: { node: PLAYS_HOURLY, column: 'user_token' },
      to: { node: TOP_TRACKS, column: 'listeners' },
      transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION' }],
    },
  ],
};
const trackId: ColumnLineage = {
  node: PLAYS_HOURLY,
  column: 'track_id',
  upstream: [
    {
      from: { node: PLAYS_RAW, column: 'track_id' },
      to: { node: PLAYS_HOURLY, column: 'track_id' },
      transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
      via: PLAYS_JOB,
    },
  ],
  downstream: [],
};
const sessionId: ColumnLineage = {
  node: PLAYS_HOURLY,
  column: 'session_id',
  upstream: [
    {
      from: { node: PLAYS_RAW, column: 'session_id' },
      to: { node: PLAYS_HOURLY, column: 'session_id' },
      transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
    },
  ],
  downstream: [],
};

function record(...lineages: ColumnLineage[]) {
  for (const l of lineages) backend.columns.set(`${l.node}#${l.column}`, l);
}

/** plays-hourly as the explorer's graph hands it to the column panel. */
const playsHourlyNode = (): LineageNode => ({
  ...backend.world.nodes.find(n => n.id === PLAYS_HOURLY)!,
  depth: 0,
  upstreamCount: 1,
  downstreamCount: 1,
});

async function openPicker() {
  await userEvent.click(await screen.findByRole('button', { name: /Column/ }));
  return screen.getByRole('listbox');
}

describe('ColumnLineageView', () => {
  it('offers the declared columns, then those only lineage knows, and opens on the first with lineage', async () => {
    record(userToken, trackId, sessionId);
    await renderLineage(
      <ColumnLineageView
        node={PLAYS_HOURLY}
        columns={['played_at', 'user_token', 'track_id']}
      />,
    );

    // played_at has no lineage: the view opens on user_token.
    const upstream = await screen.findByRole('table', {
      name: 'Upstream of user_token',
    });
    expect(backend.requestsTo('/columns')).toHaveLength(1);
    expect(backend.requestsTo('/columns')[0].searchParams.get('column')).toBe(
      'user_token',
    );
    const row = within(upstream).getAllByRole('row')[1];
    expect(within(row).getByText('user_id')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'plays-raw' }),
    ).toHaveAttribute('href', '/catalog/default/dataendpoint/plays-raw');
    expect(
      within(row).getByText('DIRECT · TRANSFORMATION'),
    ).toBeInTheDocument();
    expect(within(row).getByText('masked')).toBeInTheDocument();
    expect(within(row).getByText('INDIRECT · FILTER')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'plays-hourly-job' }),
    ).toHaveAttribute('href', '/catalog/default/pipeline/plays-hourly-job');
    const downstream = screen.getByRole('table', {
      name: 'Downstream of user_token',
    });
    expect(within(downstream).getByText('listeners')).toBeInTheDocument();
    expect(screen.getByText('3 of 4 with column lineage')).toBeInTheDocument();
    // The selects are named by their label and the value they show.
    expect(
      screen.getByRole('button', { name: 'Column user_token' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hops 3' })).toBeInTheDocument();

    const options = within(await openPicker()).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'played_atno lineage recorded',
      'user_token1 upstream · 1 downstream',
      'track_id1 upstream · 0 downstream',
      'session_id1 upstream · 0 downstream · not in schema',
    ]);

    // Another column: its lineage, and the side without any says so.
    await userEvent.click(options[2]);
    const trackUpstream = await screen.findByRole('table', {
      name: 'Upstream of track_id',
    });
    expect(within(trackUpstream).getByText('DIRECT · IDENTITY')).toBeVisible();
    expect(
      screen.queryByRole('table', { name: /of user_token/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('None recorded.')).toBeInTheDocument();
  });

  it('follows a column several hops down, names nodes by title, and keeps to DIRECT transformations when asked', async () => {
    backend.world.nodes = backend.world.nodes.map(n =>
      n.id === TOP_TRACKS ? { ...n, title: 'Top tracks, daily' } : n,
    );
    const at = (node: string, column: string) => ({ node, column });
    // user_token -> top-tracks.listeners (DIRECT) -> export.listeners;
    // user_token -> top-tracks.country (GROUP BY only) -> export.country.
    record(userToken, {
      node: TOP_TRACKS,
      column: 'listeners',
      upstream: [
        {
          from: at(PLAYS_HOURLY, 'user_token'),
          to: at(TOP_TRACKS, 'country'),
          transformations: [{ type: 'INDIRECT', subtype: 'GROUP_BY' }],
        },
      ],
      downstream: [
        {
          from: at(TOP_TRACKS, 'listeners'),
          to: at(EXPORT_TABLE, 'listeners'),
          transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
          via: EXPORT_JOB,
        },
        {
          from: at(TOP_TRACKS, 'country'),
          to: at(EXPORT_TABLE, 'country'),
          transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
          via: EXPORT_JOB,
        },
      ],
    });
    await renderLineage(
      <ColumnLineageView node={PLAYS_HOURLY} columns={['user_token']} />,
    );

    const downstream = await screen.findByRole('table', {
      name: 'Downstream of user_token',
    });
    const rows = () =>
      within(screen.getByRole('table', { name: 'Downstream of user_token' }))
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .slice(0, 2)
            .map(cell => cell.textContent),
        );
    expect(rows()).toEqual([
      ['countryTop tracks, daily', '1'],
      ['listenersTop tracks, daily', '1'],
      ['countryanalytics.plays_export', '2'],
      ['listenersanalytics.plays_export', '2'],
    ]);
    expect(
      screen.getByText('Feeds 4 columns in 2 datasets, 2 hops away at most.'),
    ).toBeInTheDocument();
    // A column two hops away says which column it comes from, and how.
    const far = within(downstream).getAllByRole('row')[4];
    expect(
      within(far).getByRole('link', { name: 'Top tracks, daily' }),
    ).toHaveAttribute('href', '/catalog/default/dataendpoint/top-tracks-daily');
    expect(within(far).getByText('DIRECT · IDENTITY')).toBeInTheDocument();
    // A column of an endpoint in the catalog opens its own Columns view, to
    // walk on from there; a dataset seen only in OpenLineage has none.
    const near = within(downstream).getAllByRole('row')[2];
    expect(
      within(near).getByRole('link', { name: 'listeners' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/top-tracks-daily/lineage?view=columns&column=listeners',
    );
    expect(
      within(far).queryByRole('link', { name: 'listeners' }),
    ).not.toBeInTheDocument();
    expect(within(far).getByText('by export-plays')).toBeInTheDocument();
    expect(
      within(within(downstream).getAllByRole('row')[1]).getByText(
        'this column',
      ),
    ).toBeInTheDocument();

    // What the column's values flow into, not what it only groups by.
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Direct only' }),
    );
    expect(rows()).toEqual([
      ['listenersTop tracks, daily', '1'],
      ['listenersanalytics.plays_export', '2'],
    ]);
    expect(
      screen.getByText(
        /2 columns only reached through INDIRECT transformations hidden/,
      ),
    ).toBeInTheDocument();

    // One hop: asked of the backend, and said to be where the list stops.
    await userEvent.click(screen.getByRole('button', { name: /Hops/ }));
    await userEvent.click(screen.getByRole('option', { name: '1' }));
    await waitFor(() =>
      expect(rows()).toEqual([['listenersTop tracks, daily', '1']]),
    );
    expect(
      backend.requestsTo('/columns').map(u => u.searchParams.get('depth')),
    ).toEqual(['3', '1']);
    // Both sides reach one hop now.
    expect(
      screen.getAllByText(/There may be more beyond: show more hops/),
    ).toHaveLength(2);
  });

  it('says where the API stopped walking a side', async () => {
    backend.columnEdgesCap = 1;
    record(userToken, trackId);
    await renderLineage(
      <ColumnLineageView node={PLAYS_HOURLY} columns={['user_token']} />,
    );
    // user_token has one edge each way within the cap, then more downstream.
    record({
      node: TOP_TRACKS,
      column: 'listeners',
      upstream: [],
      downstream: [
        {
          from: { node: TOP_TRACKS, column: 'listeners' },
          to: { node: EXPORT_TABLE, column: 'listeners' },
          transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
        },
      ],
    });
    await screen.findByRole('table', { name: 'Downstream of user_token' });
    await userEvent.click(screen.getByRole('button', { name: /Hops/ }));
    await userEvent.click(screen.getByRole('option', { name: '5' }));
    expect(
      await screen.findByText(
        /The walk stopped at 1 column edge: there are more/,
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Downstream of user_token' }),
      ).getAllByRole('row'),
    ).toHaveLength(2);
  });

  it('says when columns are left out because the user may not read them in the catalog', async () => {
    backend.hiddenNodes = 1;
    record(sessionId);
    await renderLineage(
      <ColumnLineageView node={PLAYS_HOURLY} columns={['session_id']} />,
    );
    await screen.findByRole('table', { name: 'Upstream of session_id' });
    expect(
      screen.getByText(
        'Not shown: the columns of 1 node whose catalog entities you do not have access to, or that are reached only through them.',
      ),
    ).toBeInTheDocument();
  });

  it('lists the columns of a dataset seen only in OpenLineage from its recorded lineage', async () => {
    record({
      node: EXPORT_TABLE,
      column: 'track_id',
      upstream: [
        {
          from: { node: PLAYS_HOURLY, column: 'track_id' },
          to: { node: EXPORT_TABLE, column: 'track_id' },
          transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
        },
      ],
      downstream: [],
    });
    await renderLineage(<ColumnLineageView node={EXPORT_TABLE} />);
    const upstream = await screen.findByRole('table', {
      name: 'Upstream of track_id',
    });
    expect(within(upstream).getByText('plays-hourly')).toBeInTheDocument();
    expect(screen.getByText('1 of 1 with column lineage')).toBeInTheDocument();
  });

  it('says where column lineage comes from when there is none and no schema', async () => {
    await renderLineage(<ColumnLineageView node={EXPORT_TABLE} />);
    expect(
      await screen.findByText(/No column lineage recorded here yet/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Column/ }),
    ).not.toBeInTheDocument();
    expect(backend.requestsTo('/columns')).toHaveLength(0);
  });

  it("reads an endpoint's declared columns from the catalog when not handed them, as the explorer's panel does", async () => {
    // Like examples/listening/endpoints.yaml's plays-hourly: a BigQuery table
    // declaring its 14 fields itself.
    const names = [
      'play_id',
      'played_at',
      'user_id',
      'track_id',
      'artist_ids',
      'album_id',
      'label_id',
      'ms_played',
      'is_stream',
      'skipped',
      'source_type',
      'platform',
      'country',
      'offline',
    ];
    const playsHourly: Entity = {
      apiVersion: 'dataplatform.io/v1alpha1',
      kind: 'DataEndpoint',
      metadata: { name: 'plays-hourly', title: 'Plays, hourly' },
      spec: {
        type: 'bigquery-table',
        owner: 'playback',
        lifecycle: 'production',
        location: {
          project: 'tunewave-warehouse',
          dataset: 'listening',
          table: 'plays_hourly',
        },
        schema: {
          fields: names.map(name => ({ name, type: 'STRING' })),
        },
      },
    };
    record(trackId, sessionId);
    await renderLineage(
      <ColumnLineagePanel node={playsHourlyNode()} onClose={() => {}} />,
      { catalog: [playsHourly] },
    );
    await screen.findByRole('table', { name: 'Upstream of track_id' });
    const options = within(await openPicker()).getAllByRole('option');
    const labels = options.map(o => o.textContent);
    expect(labels).toHaveLength(15);
    expect(labels.slice(0, 4)).toEqual([
      'play_idno lineage recorded',
      'played_atno lineage recorded',
      'user_idno lineage recorded',
      'track_id1 upstream · 0 downstream',
    ]);
    expect(labels.filter(l => l?.includes('not in schema'))).toEqual([
      'session_id1 upstream · 0 downstream · not in schema',
    ]);
  });

  it('calls no column "not in schema" when the node has no known schema', async () => {
    record(sessionId);
    await renderLineage(<ColumnLineageView node={PLAYS_HOURLY} />);
    await screen.findByRole('table', { name: 'Upstream of session_id' });
    const options = within(await openPicker()).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'session_id1 upstream · 0 downstream',
    ]);
  });

  it('shows the error when the node is not in the lineage index', async () => {
    await renderLineage(
      <ColumnLineageView node="dataendpoint:default/nope" columns={['a']} />,
    );
    expect(await screen.findByText(/No lineage node/)).toBeInTheDocument();
  });
});

describe('EntityLineageContent columns', () => {
  const eventType: Entity = {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'EventType',
    metadata: { name: 'play-event', namespace: 'default' },
    spec: {
      owner: 'data-eng',
      schema: {
        revision: 1,
        fields: [
          { name: 'event_id', type: 'STRING' },
          { name: 'user_token', type: 'STRING' },
        ],
      },
    },
  };
  const topic: Entity = {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'DataEndpoint',
    metadata: { name: 'plays-hourly', namespace: 'default' },
    spec: {
      type: 'pubsub-topic',
      owner: 'data-eng',
      location: { project: 'p', topic: 'plays' },
      schema: { eventType: 'play-event' },
    },
  };

  it('opens the view and column its URL names, and keeps the URL to what is shown', async () => {
    record(userToken, {
      node: PLAYS_HOURLY,
      column: 'event_id',
      upstream: [
        {
          from: { node: PLAYS_RAW, column: 'event_id' },
          to: { node: PLAYS_HOURLY, column: 'event_id' },
          transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
        },
      ],
      downstream: [],
    });
    await renderLineage(
      <>
        <EntityLineageContent />
        <PageQuery />
      </>,
      {
        entity: topic,
        catalog: [eventType],
        path: '/?view=columns&column=user_token',
      },
    );
    // Not the first column with lineage (event_id): the one asked for.
    await screen.findByRole('table', { name: 'Upstream of user_token' });
    expect(screen.getByRole('tab', { name: 'Columns' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.click(
      within(await openPicker()).getByRole('option', { name: /^event_id/ }),
    );
    await screen.findByRole('table', { name: 'Upstream of event_id' });
    expect(pageQuery()).toEqual({ view: 'columns', column: 'event_id' });

    await userEvent.click(screen.getByRole('tab', { name: 'Graph' }));
    await waitFor(() => expect(pageQuery()).toEqual({}));
  });

  it("links other endpoints' columns under the path the tab is mounted at", async () => {
    record(userToken);
    await renderLineage(<EntityLineageContent />, {
      entity: topic,
      catalog: [eventType],
      // The app mounts the tab at /data-lineage instead of /lineage.
      path: '/catalog/default/dataendpoint/plays-hourly/data-lineage?view=columns&column=user_token',
    });
    const downstream = await screen.findByRole('table', {
      name: 'Downstream of user_token',
    });
    expect(
      within(downstream).getByRole('link', { name: 'listeners' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/top-tracks-daily/data-lineage?view=columns&column=listeners',
    );
  });

  it("takes an endpoint's columns from its event type in the explorer's panel too", async () => {
    record(userToken);
    await renderLineage(
      <ColumnLineagePanel node={playsHourlyNode()} onClose={() => {}} />,
      { catalog: [topic, eventType] },
    );
    await screen.findByRole('table', { name: 'Upstream of user_token' });
    const options = within(await openPicker()).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'event_idno lineage recorded',
      'user_token1 upstream · 1 downstream',
    ]);
  });

  it("takes an endpoint's columns from the event type it stores", async () => {
    record(userToken);
    await renderLineage(<EntityLineageContent />, {
      entity: topic,
      catalog: [eventType],
    });
    await userEvent.click(await screen.findByRole('tab', { name: 'Columns' }));
    await screen.findByRole('table', { name: 'Upstream of user_token' });
    const options = within(await openPicker()).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'event_idno lineage recorded',
      'user_token1 upstream · 1 downstream',
    ]);
  });
});
