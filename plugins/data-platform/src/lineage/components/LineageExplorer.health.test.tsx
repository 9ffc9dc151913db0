import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeLineageBackend } from '../__testUtils__/lineageBackend';
import {
  PLAYS_HOURLY,
  PLAYS_JOB,
  TOP_TRACKS_JOB,
} from '../__testUtils__/lineageWorld';
import { nodeButton, renderLineage } from '../__testUtils__/renderLineage';
import { LineageExplorer } from './LineageExplorer';

// The shared CI machine is busy: give the first render of a suite time.
configure({ asyncUtilTimeout: 10000 });

const backend = FakeLineageBackend.forSuite();

describe('LineageExplorer with pipeline health', () => {
  const failing = {
    pipelineRef: PLAYS_JOB,
    title: 'plays-hourly-job',
    owner: 'group:default/data-eng',
    lifecycle: 'production',
    state: 'failed' as const,
    partition: '2026-11-26T09:00:00.000Z',
    since: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  };
  const waiting = {
    ...failing,
    pipelineRef: TOP_TRACKS_JOB,
    title: 'top-tracks',
    state: 'late' as const,
    rootCause: {
      chain: [
        {
          pipelineRef: PLAYS_JOB,
          partition: '2026-11-26T09:00:00.000Z',
          state: 'failed' as const,
        },
      ],
    },
  };

  it('marks late and failed pipelines, and shows the path from a root cause', async () => {
    backend.pipelineStates = [failing, waiting];
    await renderLineage(<LineageExplorer initialNode={PLAYS_HOURLY} />, {
      health: true,
    });
    await waitFor(() =>
      expect(nodeButton(TOP_TRACKS_JOB)).toHaveAccessibleName(
        'Pipeline top-tracks (late)',
      ),
    );
    expect(nodeButton(PLAYS_JOB)).toHaveAccessibleName(
      'Pipeline plays-hourly-job (failed)',
    );
    expect(nodeButton(PLAYS_JOB)).toHaveAttribute('data-problem', 'failed');
    // Only the registered pipelines on screen are asked about.
    expect(backend.pipelineStateRequests).toEqual([
      [PLAYS_JOB, TOP_TRACKS_JOB],
    ]);

    await userEvent.click(nodeButton(TOP_TRACKS_JOB)!);
    const status = within(screen.getByLabelText('Selected node')).getByRole(
      'region',
      { name: 'Pipeline health' },
    );
    expect(within(status).getByText('Late')).toBeInTheDocument();
    expect(
      within(status).getByText(/Partition Thu 26 Nov 09:00 UTC · for 2 h/),
    ).toBeInTheDocument();
    expect(within(status).getByTestId('root-cause')).toHaveTextContent(
      'Caused by plays-hourly-job upstream (failed',
    );
    expect(
      within(status).getByRole('link', { name: 'Open health' }),
    ).toHaveAttribute('href', '/catalog/default/pipeline/top-tracks/health');

    await userEvent.click(
      within(status).getByRole('button', {
        name: 'Show path from root cause',
      }),
    );
    await waitFor(() =>
      expect(
        screen.getByText('Path: plays-hourly-job → top-tracks · 2 hops'),
      ).toBeInTheDocument(),
    );
    expect(
      Object.fromEntries(backend.requestsTo('/path')[0].searchParams),
    ).toEqual({ from: PLAYS_JOB, to: TOP_TRACKS_JOB });
  });

  it('offers no path from a root cause the viewer may not see', async () => {
    backend.pipelineStates = [
      {
        ...waiting,
        rootCause: {
          chain: [
            {
              hidden: true,
              partition: '2026-11-26T09:00:00.000Z',
              state: 'failed',
            },
          ],
        },
      },
    ];
    await renderLineage(<LineageExplorer initialNode={PLAYS_HOURLY} />, {
      health: true,
    });
    await waitFor(() =>
      expect(nodeButton(TOP_TRACKS_JOB)).toHaveAccessibleName(
        'Pipeline top-tracks (late)',
      ),
    );
    await userEvent.click(nodeButton(TOP_TRACKS_JOB)!);
    const status = within(screen.getByLabelText('Selected node')).getByRole(
      'region',
      { name: 'Pipeline health' },
    );
    expect(within(status).getByTestId('root-cause')).toHaveTextContent(
      'Caused by a pipeline you may not see upstream (failed',
    );
    expect(
      within(status).queryByRole('button', {
        name: 'Show path from root cause',
      }),
    ).not.toBeInTheDocument();
  });

  it('brings a root cause that is off screen into view, named by its title', async () => {
    backend.world.nodes.find(n => n.id === PLAYS_JOB)!.title =
      'Plays, hourly job';
    backend.pipelineStates = [waiting];
    await renderLineage(<LineageExplorer initialNode={TOP_TRACKS_JOB} />, {
      health: true,
    });
    await waitFor(() =>
      expect(nodeButton(TOP_TRACKS_JOB)).toHaveAttribute(
        'data-problem',
        'late',
      ),
    );
    expect(nodeButton(PLAYS_JOB)).not.toBeInTheDocument();
    await userEvent.click(nodeButton(TOP_TRACKS_JOB)!);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show path from root cause' }),
    );
    await waitFor(() =>
      expect(
        screen.getByText('Path: Plays, hourly job → top-tracks · 2 hops'),
      ).toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(nodeButton(PLAYS_JOB)).toHaveAttribute('data-on-path', 'true'),
    );
  });

  it('opens on the path from a root cause when linked to with one', async () => {
    await renderLineage(
      <LineageExplorer
        initialNode={TOP_TRACKS_JOB}
        initialPathFrom={PLAYS_JOB}
      />,
    );
    await waitFor(() =>
      expect(
        screen.getByText('Path: plays-hourly-job → top-tracks · 2 hops'),
      ).toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(nodeButton(PLAYS_JOB)).toHaveAttribute('data-on-path', 'true'),
    );
    expect(backend.requestsTo('/path')).toHaveLength(1);
  });

  it('keeps the graph and says so when pipeline health fails', async () => {
    backend.healthFailsWith = 503;
    await renderLineage(<LineageExplorer initialNode={PLAYS_HOURLY} />, {
      health: true,
    });
    expect(
      await screen.findByText(/Pipeline health is not shown: /),
    ).toBeInTheDocument();
    expect(nodeButton(PLAYS_JOB)).toHaveAccessibleName(
      'Pipeline plays-hourly-job',
    );
  });

  it('marks nothing in an app without the pipeline-health API', async () => {
    backend.pipelineStates = [failing];
    await renderLineage(<LineageExplorer initialNode={PLAYS_HOURLY} />);
    await waitFor(() => expect(nodeButton(PLAYS_HOURLY)).toBeInTheDocument());
    expect(nodeButton(PLAYS_JOB)).not.toHaveAttribute('data-problem');
    expect(backend.requestsTo('/pipeline-states')).toHaveLength(0);
  });
});
