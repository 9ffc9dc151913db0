import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeLineageBackend } from '../__testUtils__/lineageBackend';
import { PLAYS_HOURLY, PLAYS_JOB } from '../__testUtils__/lineageWorld';
import {
  PageQuery,
  pageQuery,
  renderLineage,
} from '../__testUtils__/renderLineage';
import { LineageExplorerPage } from './LineageExplorerPage';

// The shared CI machine is busy: give the first render of a suite time.
configure({ asyncUtilTimeout: 10000 });

const backend = FakeLineageBackend.forSuite();

const lastGraphQuery = () =>
  Object.fromEntries(backend.requestsTo('/graph').at(-1)!.searchParams);

describe('LineageExplorerPage', () => {
  it('opens the view its link describes: start, hops and direction', async () => {
    await renderLineage(<LineageExplorerPage />, {
      path: `/?${new URLSearchParams({
        node: PLAYS_HOURLY,
        depth: '3',
        direction: 'upstream',
      })}`,
    });
    await waitFor(() => expect(backend.requestsTo('/graph')).toHaveLength(1));
    expect(lastGraphQuery()).toMatchObject({
      node: PLAYS_HOURLY,
      depth: '3',
      direction: 'upstream',
    });
    expect(
      screen.getByRole('button', { name: /Direction Upstream only/ }),
    ).toBeInTheDocument();

    // A change of view is asked for at once.
    await userEvent.click(screen.getByRole('button', { name: /Direction/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Both ways' }),
    );
    await waitFor(() =>
      expect(lastGraphQuery()).toMatchObject({ direction: 'both', depth: '3' }),
    );
  });

  it('falls back to one hop both ways for values it does not know', async () => {
    await renderLineage(<LineageExplorerPage />, {
      path: `/?node=${encodeURIComponent(
        PLAYS_JOB,
      )}&depth=99&direction=sideways`,
    });
    await waitFor(() => expect(backend.requestsTo('/graph')).toHaveLength(1));
    expect(lastGraphQuery()).toMatchObject({
      node: PLAYS_JOB,
      depth: '1',
      direction: 'both',
    });
  });

  it('shows what the downstream impact counted, from the node it was counted for, in its URL', async () => {
    await renderLineage(
      <>
        <LineageExplorerPage />
        <PageQuery />
      </>,
      { path: `/?node=${encodeURIComponent(PLAYS_HOURLY)}` },
    );
    const job = await waitFor(() => {
      const button = document.querySelector<HTMLElement>(
        `[data-node-id="${PLAYS_JOB}"]`,
      );
      expect(button).not.toBeNull();
      return button!;
    });
    await userEvent.click(job);
    await userEvent.click(
      screen.getByRole('button', { name: 'Who depends on this?' }),
    );
    // plays-hourly, its two readers and what they write: three hops.
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show downstream on the graph',
      }),
    );
    await waitFor(() =>
      expect(lastGraphQuery()).toMatchObject({
        node: PLAYS_JOB,
        depth: '3',
        direction: 'downstream',
      }),
    );
    expect(pageQuery()).toEqual({
      node: PLAYS_JOB,
      depth: '3',
      direction: 'downstream',
    });
    // The node stays selected, its counts with it, once the graph reloads.
    const details = await screen.findByLabelText('Selected node');
    expect(
      await within(details).findByText(/nodes downstream, 3 hops away at most/),
    ).toBeInTheDocument();
    expect(
      within(details).getByText(PLAYS_JOB, { exact: false }),
    ).toBeInTheDocument();
  });
});
