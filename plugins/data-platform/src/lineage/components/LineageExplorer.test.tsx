import {
  act,
  configure,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { zoomTransform } from 'd3-zoom';
import { FakeLineageBackend } from '../__testUtils__/lineageBackend';
import {
  EXPORT_JOB,
  EXPORT_TABLE,
  LONELY,
  PLAYS_HOURLY,
  PLAYS_JOB,
  PLAYS_RAW,
  PLAY_EVENT,
  TOP_TRACKS,
  TOP_TRACKS_JOB,
} from '../__testUtils__/lineageWorld';
import { nodeButton, renderLineage } from '../__testUtils__/renderLineage';
import { LineageExplorer } from './LineageExplorer';

// The shared CI machine is busy: give the first render of a suite time.
configure({ asyncUtilTimeout: 10000 });

const backend = FakeLineageBackend.forSuite();

async function renderExplorer(node = PLAYS_HOURLY) {
  await renderLineage(<LineageExplorer initialNode={node} />);
  await waitFor(() => expect(nodeButton(node)).toBeInTheDocument());
}

describe('LineageExplorer', () => {
  it('starts collapsed to one hop, with +N counts of what is hidden', async () => {
    await renderExplorer();
    const graphRequest = backend.requestsTo('/graph')[0];
    expect(graphRequest.searchParams.get('depth')).toBe('1');
    expect(graphRequest.searchParams.get('direction')).toBe('both');

    // One hop each way: the job feeding it, and the two consumers.
    expect(nodeButton(PLAYS_JOB)).toBeInTheDocument();
    expect(nodeButton(PLAYS_RAW)).not.toBeInTheDocument();
    expect(nodeButton(TOP_TRACKS)).not.toBeInTheDocument();
    // plays-hourly-job has one input that is not shown.
    expect(
      screen.getByRole('button', { name: '+1 upstream of plays-hourly-job' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: '+1 downstream of top-tracks' }),
    ).toBeInTheDocument();
    // The root shows everything it touches: no handle on it.
    expect(
      screen.queryByRole('button', { name: /of plays-hourly$/ }),
    ).not.toBeInTheDocument();
  });

  it('expands a collapsed node by fetching one more hop and showing the new nodes', async () => {
    await renderExplorer();
    await userEvent.click(
      screen.getByRole('button', { name: '+1 upstream of plays-hourly-job' }),
    );
    await waitFor(() => expect(nodeButton(PLAYS_RAW)).toBeInTheDocument());
    const expansion = backend.requestsTo('/graph')[1];
    expect(Object.fromEntries(expansion.searchParams)).toMatchObject({
      node: PLAYS_JOB,
      direction: 'upstream',
      depth: '1',
    });
    expect(
      screen.queryByRole('button', { name: '+1 upstream of plays-hourly-job' }),
    ).not.toBeInTheDocument();
    // The new node is itself collapsed: its event type is one more click away.
    expect(
      screen.getByRole('button', { name: '+1 upstream of plays-raw' }),
    ).toBeInTheDocument();
    expect(nodeButton(PLAY_EVENT)).not.toBeInTheDocument();
  });

  it('expands from the keyboard and keeps the focus on the expanded node', async () => {
    await renderExplorer();
    act(() =>
      screen
        .getByRole('button', { name: '+1 upstream of plays-hourly-job' })
        .focus(),
    );
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(nodeButton(PLAYS_RAW)).toBeInTheDocument());
    // The handle is gone; the focus did not fall back to the page.
    expect(nodeButton(PLAYS_JOB)).toHaveFocus();
  });

  it('marks nodes seen only in OpenLineage as not in catalog', async () => {
    await renderExplorer();
    await userEvent.click(
      screen.getByRole('button', { name: '+1 downstream of export-plays' }),
    );
    await waitFor(() => expect(nodeButton(EXPORT_TABLE)).toBeInTheDocument());
    expect(nodeButton(EXPORT_TABLE)).toHaveAccessibleName(
      'Dataset analytics.plays_export (not in catalog)',
    );
    expect(nodeButton(EXPORT_TABLE)).toHaveAttribute(
      'data-registered',
      'false',
    );
    expect(nodeButton(PLAYS_JOB)).toHaveAccessibleName(
      'Pipeline plays-hourly-job',
    );

    await userEvent.click(nodeButton(EXPORT_TABLE)!);
    const details = screen.getByLabelText('Selected node');
    expect(within(details).getByText('not in catalog')).toBeInTheDocument();
    expect(
      within(details).getByText(/Seen only in OpenLineage events/),
    ).toBeInTheDocument();
    // No catalog page to open for it.
    expect(within(details).queryByText(/Open .* page/)).not.toBeInTheDocument();
  });

  it('links a registered node to its entity page', async () => {
    await renderExplorer();
    await userEvent.click(nodeButton(PLAYS_JOB)!);
    const link = within(screen.getByLabelText('Selected node'))
      .getByText('Open pipeline page')
      .closest('a');
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/pipeline/plays-hourly-job',
    );
  });

  it("lists the selected node's neighbours with how each edge is known, and walks to one", async () => {
    await renderExplorer();
    await userEvent.click(nodeButton(PLAYS_HOURLY)!);
    const details = screen.getByLabelText('Selected node');
    const rows = (direction: string) =>
      within(
        within(details).getByRole('region', {
          name: `${direction} of ${
            within(details).getByRole('heading').textContent
          }`,
        }),
      )
        .queryAllByRole('button')
        .map(b => b.textContent);

    expect(rows('Upstream')).toEqual([
      'plays-hourly-jobdeclared · observed 2 h ago',
    ]);
    // By title; the OpenLineage job is marked, and so are edges the catalog
    // does not declare.
    expect(rows('Downstream')).toEqual([
      'export-plays (not in catalog)observed 1 d 2 h ago · not declared',
      'top-tracksdeclared · not seen in OpenLineage',
    ]);

    // A neighbour is selected by a click; its collapsed input is one more.
    await userEvent.click(
      within(details).getByRole('button', { name: /^plays-hourly-job/ }),
    );
    expect(within(details).getByRole('heading')).toHaveTextContent(
      'plays-hourly-job',
    );
    expect(nodeButton(PLAYS_JOB)).toHaveAttribute('aria-pressed', 'true');
    expect(within(details).getByText('Upstream · 1, collapsed')).toBeVisible();
    expect(rows('Upstream')).toEqual(['Expand +1 upstream']);
    await userEvent.click(
      within(details).getByRole('button', { name: 'Expand +1 upstream' }),
    );
    await waitFor(() => expect(nodeButton(PLAYS_RAW)).toBeInTheDocument());
    expect(rows('Upstream')).toEqual(['plays-rawdeclared · observed 2 h ago']);
    expect(within(details).getByText('Upstream · 1')).toBeVisible();
  });

  it('lists the first five neighbours of a busy node and the rest on request', async () => {
    for (let i = 1; i <= 7; i++) {
      const id = `pipeline:default/reader-${i}`;
      backend.world.nodes.push({
        id,
        kind: 'Pipeline',
        title: `reader-${i}`,
        registered: true,
      });
      backend.world.edges.push({
        from: PLAYS_HOURLY,
        to: id,
        source: 'declared',
      });
    }
    await renderExplorer();
    await userEvent.click(nodeButton(PLAYS_HOURLY)!);
    const downstream = within(screen.getByLabelText('Selected node')).getByRole(
      'region',
      { name: 'Downstream of plays-hourly' },
    );
    expect(within(downstream).getByText('Downstream · 9')).toBeVisible();
    expect(within(downstream).getAllByRole('button')).toHaveLength(6);
    await userEvent.click(
      within(downstream).getByRole('button', { name: 'Show all 9' }),
    );
    expect(within(downstream).getAllByRole('button')).toHaveLength(10);
    expect(
      within(downstream).getByRole('button', { name: /^reader-7/ }),
    ).toBeInTheDocument();
  });

  it('highlights the shortest path between two chosen nodes', async () => {
    await renderExplorer();
    await userEvent.click(nodeButton(PLAYS_JOB)!);
    await userEvent.click(
      screen.getByRole('button', { name: 'Path from here' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: '+1 downstream of top-tracks' }),
    );
    await waitFor(() => expect(nodeButton(TOP_TRACKS)).toBeInTheDocument());
    await userEvent.click(nodeButton(TOP_TRACKS)!);
    const canvas = screen.getByTestId('lineage-canvas');
    const viewBefore = zoomTransform(canvas);
    await userEvent.click(screen.getByRole('button', { name: 'Path to here' }));

    await waitFor(() =>
      expect(screen.getByText(/· 3 hops/)).toBeInTheDocument(),
    );
    // The view moves to show the whole path (revealNodes.test: how).
    await waitFor(() => expect(zoomTransform(canvas)).not.toEqual(viewBefore));
    expect(
      Object.fromEntries(backend.requestsTo('/path')[0].searchParams),
    ).toEqual({
      from: PLAYS_JOB,
      to: TOP_TRACKS,
    });
    const onPath = [...document.querySelectorAll('[data-on-path="true"]')].map(
      e => e.getAttribute('data-node-id'),
    );
    expect(onPath.sort()).toEqual(
      [
        PLAYS_JOB,
        PLAYS_HOURLY,
        'pipeline:default/top-tracks',
        TOP_TRACKS,
      ].sort(),
    );
    expect(nodeButton(EXPORT_TABLE)).toBeNull();
    expect(nodeButton(EXPORT_JOB)).not.toHaveAttribute('data-on-path');
  });

  it('says so when no data flows between the chosen nodes', async () => {
    await renderExplorer();
    await userEvent.click(nodeButton('pipeline:default/top-tracks')!);
    await userEvent.click(
      screen.getByRole('button', { name: 'Path from here' }),
    );
    await userEvent.click(nodeButton(PLAYS_JOB)!);
    await userEvent.click(screen.getByRole('button', { name: 'Path to here' }));
    expect(
      await screen.findByText(
        'No data flows from top-tracks to plays-hourly-job.',
      ),
    ).toBeInTheDocument();
  });

  it('finds a node by name and explores from it', async () => {
    await renderExplorer();
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search lineage' }),
      'play-ev',
    );
    await userEvent.click(await screen.findByText('play-event'));
    await waitFor(() =>
      expect(nodeButton(PLAY_EVENT)).toHaveAccessibleName(
        'Event type play-event (root)',
      ),
    );
    expect(backend.requestsTo('/search')[0].searchParams.get('q')).toBe(
      'play-ev',
    );
  });

  it('asks for more hops when chosen', async () => {
    await renderExplorer();
    await userEvent.click(screen.getByRole('button', { name: /Hops shown/ }));
    await userEvent.click(await screen.findByRole('option', { name: '3' }));
    await waitFor(() => expect(nodeButton(PLAY_EVENT)).toBeInTheDocument());
    expect(backend.requestsTo('/graph')[1].searchParams.get('depth')).toBe('3');
    expect(screen.queryByText(/Showing the first/)).not.toBeInTheDocument();
  });

  it('walks one way only when asked, keeping the other a click away', async () => {
    await renderExplorer();
    await userEvent.click(screen.getByRole('button', { name: /Hops shown/ }));
    await userEvent.click(await screen.findByRole('option', { name: '3' }));
    await userEvent.click(screen.getByRole('button', { name: /Direction/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Upstream only' }),
    );
    await waitFor(() =>
      expect(nodeButton('pipeline:default/top-tracks')).not.toBeInTheDocument(),
    );
    expect(
      Object.fromEntries(backend.requestsTo('/graph').at(-1)!.searchParams),
    ).toMatchObject({ node: PLAYS_HOURLY, direction: 'upstream', depth: '3' });
    expect(nodeButton(PLAY_EVENT)).toBeInTheDocument();
    // What feeds on it is collapsed behind the root's handle.
    expect(
      screen.getByRole('button', { name: '+2 downstream of plays-hourly' }),
    ).toBeInTheDocument();
  });

  it('counts what lies downstream of the selected node by kind and owning team, on request', async () => {
    backend.world.nodes = backend.world.nodes.map(n =>
      [TOP_TRACKS_JOB, TOP_TRACKS].includes(n.id)
        ? { ...n, owner: 'group:default/insights' }
        : n,
    );
    await renderExplorer();
    await userEvent.click(nodeButton(PLAYS_HOURLY)!);
    const impact = within(screen.getByLabelText('Selected node')).getByRole(
      'region',
      { name: 'Downstream impact' },
    );
    const before = backend.requestsTo('/graph').length;
    await userEvent.click(
      within(impact).getByRole('button', { name: 'Who depends on this?' }),
    );
    // top-tracks and its table, the export job and its dataset.
    expect(
      await within(impact).findByText(
        '4 nodes downstream, 2 hops away at most: 1 data endpoint, 1 dataset, 1 job, 1 pipeline.',
      ),
    ).toBeInTheDocument();
    expect(
      Object.fromEntries(backend.requestsTo('/graph')[before].searchParams),
    ).toEqual({
      node: PLAYS_HOURLY,
      direction: 'downstream',
      depth: '10',
      maxNodes: '5000',
    });
    expect(within(impact).getByText('Owned by 1 team:')).toBeInTheDocument();
    const owners = within(impact).getAllByRole('listitem');
    expect(owners.map(o => o.textContent)).toEqual([
      'insights · 2',
      'no owner (not in catalog) · 2',
    ]);
    expect(within(owners[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/insights',
    );

    // Another node starts afresh.
    await userEvent.click(nodeButton(TOP_TRACKS_JOB)!);
    expect(
      within(screen.getByLabelText('Selected node')).getByRole('button', {
        name: 'Who depends on this?',
      }),
    ).toBeInTheDocument();
    // Back on the first, its counts are remembered, not asked for again.
    const asked = backend.requestsTo('/graph').length;
    await userEvent.click(nodeButton(PLAYS_HOURLY)!);
    expect(
      within(screen.getByLabelText('Selected node')).getByText(
        /^4 nodes downstream, 2 hops away at most/,
      ),
    ).toBeInTheDocument();
    expect(backend.requestsTo('/graph')).toHaveLength(asked);

    // Lineage moves on while the page is open: the counts say when they were
    // made, and are made again on request.
    backend.world.nodes.push({
      id: 'pipeline:default/new-reader',
      kind: 'Pipeline',
      title: 'new-reader',
      registered: true,
      owner: 'group:default/insights',
    });
    backend.world.edges.push({
      from: PLAYS_HOURLY,
      to: 'pipeline:default/new-reader',
      source: 'declared',
    });
    const remembered = within(screen.getByLabelText('Selected node')).getByRole(
      'region',
      { name: 'Downstream impact' },
    );
    expect(within(remembered).getByText(/^Counted just now\./)).toBeVisible();
    await userEvent.click(
      within(remembered).getByRole('button', { name: 'Count again' }),
    );
    expect(
      await within(remembered).findByText(/^5 nodes downstream/),
    ).toBeInTheDocument();
    expect(backend.requestsTo('/graph')).toHaveLength(asked + 1);
    expect(
      within(remembered)
        .getAllByRole('listitem')
        .map(o => o.textContent),
    ).toEqual(['insights · 3', 'no owner (not in catalog) · 2']);
  });

  it('says what is left out because the user may not read it in the catalog', async () => {
    backend.hiddenNodes = 2;
    await renderExplorer();
    expect(
      screen.getByText(
        'Some lineage is not shown: it runs through catalog entities you do not have access to.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(nodeButton(PLAYS_HOURLY)!);
    const impact = within(screen.getByLabelText('Selected node')).getByRole(
      'region',
      { name: 'Downstream impact' },
    );
    await userEvent.click(
      within(impact).getByRole('button', { name: 'Who depends on this?' }),
    );
    expect(
      await within(impact).findByText(
        /^2 more nodes downstream are not counted: they, or the entities they are reached through, are not visible to you in the catalog/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(nodeButton(PLAYS_JOB)!);
    await userEvent.click(
      screen.getByRole('button', { name: 'Path from here' }),
    );
    await userEvent.click(nodeButton(TOP_TRACKS_JOB)!);
    await userEvent.click(screen.getByRole('button', { name: 'Path to here' }));
    expect(
      await screen.findByText(
        'Data from plays-hourly-job reaches top-tracks only through catalog entities you do not have access to.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the cutoff marker when the API truncated the graph', async () => {
    backend.maxNodesCap = 3;
    await renderExplorer();
    expect(
      screen.getByText(
        /Showing the first 3 nodes: the lineage goes on beyond the 1 nodes marked “cut off”/,
      ),
    ).toBeInTheDocument();
    // The node the walk stopped at still offers the rest through its handle.
    expect(
      screen.getByRole('button', { name: /downstream of plays-hourly/ }),
    ).toBeInTheDocument();
  });

  it('explains how to get lineage when a node has none', async () => {
    await renderLineage(<LineageExplorer initialNode={LONELY} />);
    expect(
      await screen.findByText(
        'This entity has no lineage yet: declare inputs/outputs in catalog YAML or send OpenLineage events.',
      ),
    ).toBeInTheDocument();
  });

  it('treats a node unknown to the index as having no lineage yet', async () => {
    await renderLineage(
      <LineageExplorer initialNode="dataendpoint:default/brand-new" />,
    );
    expect(
      await screen.findByText(/This entity has no lineage yet/),
    ).toBeInTheDocument();
  });

  it('shows a backend failure', async () => {
    backend.failWith = 500;
    await renderLineage(<LineageExplorer initialNode={PLAYS_HOURLY} />);
    expect(await screen.findByText(/Backend failed/)).toBeInTheDocument();
  });
});
