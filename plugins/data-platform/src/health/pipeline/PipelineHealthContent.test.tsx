import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeHealthBackend } from '../__testUtils__/healthBackend';
import {
  playsHourlyCleanEntity,
  playsHourlyCleanHealth,
  refs,
  subscriberCohortsEntity,
  subscriberCohortsHealth,
  freezeDateAtFixtures,
} from '../__testUtils__/healthFixtures';
import { renderHealth } from '../__testUtils__/renderHealth';
import { PipelineHealthContent } from './PipelineHealthContent';

const backend = new FakeHealthBackend();
backend.listen();

function cells(): HTMLElement[] {
  return within(screen.getByTestId('partition-grid')).getAllByRole('img');
}

function cellsIn(state: string): HTMLElement[] {
  return cells().filter(cell => cell.dataset.state === state);
}

const render = (entity = playsHourlyCleanEntity) =>
  renderHealth(<PipelineHealthContent refreshIntervalMs={0} />, { entity });

freezeDateAtFixtures();

describe('PipelineHealthContent', () => {
  describe('an hourly pipeline that is late', () => {
    beforeEach(() => {
      backend.pipelines.set(refs.playsHourlyClean, playsHourlyCleanHealth());
      backend.owners.set(refs.playsHourlyClean, refs.playback);
    });

    it('says where it stands now: late, which partition, by how much', async () => {
      await render();
      const now = await screen.findByRole('heading', { name: 'Now' });
      const card = (now.closest('.bui-Card') as HTMLElement) ?? document.body;
      expect(within(card).getByText('Late')).toBeInTheDocument();
      expect(
        within(card).getByText(/^Partitions \w{3} \d+ \w{3} \d\d:00 UTC to /),
      ).toBeInTheDocument();
      // The same story the on-call row tells: since when, not an alert's age.
      expect(within(card).getByTestId('current-since')).toHaveTextContent(
        /^Late for 2 h( \d+ min)?, since \w{3} \d+ \w{3} \d\d:00 UTC$/,
      );
      expect(
        within(card).getByText(/^Last landed: partition/),
      ).toHaveTextContent(
        /^Last landed: partition \w{3} \d+ \w{3} \d\d:00 UTC, \d+ h( \d+ min)? ago\.$/,
      );
      expect(backend.requests[0].url.pathname).toBe(
        '/api/data-platform/health/pipelines/default/plays-hourly-clean',
      );
    });

    it('shows the last 48 hours as a grid coloured by state, with the deadline', async () => {
      await render();
      await screen.findByTestId('partition-grid');

      expect(cells()).toHaveLength(48);
      expect(cellsIn('late')).toHaveLength(3);
      expect(cellsIn('pending')).toHaveLength(2);
      expect(cellsIn('landed_on_time')).toHaveLength(43);
      expect(
        screen.getByText(/each is due 2 hours after the partition period ends/),
      ).toBeInTheDocument();
      expect(screen.getByText(/is due by/)).toBeInTheDocument();

      const late = cellsIn('late')[0];
      expect(late).toHaveAccessibleName(
        /Late\. Deadline .* UTC \(.* ago\)\. Late by \d+ h/,
      );
      const legend = screen.getByRole('list', { name: 'Legend' });
      expect(within(legend).getByText('Late 3')).toBeInTheDocument();
      expect(within(legend).getByText('On time 43')).toBeInTheDocument();
    });

    it('tells a partition its details in a tooltip', async () => {
      const user = userEvent.setup();
      await render();
      await screen.findByTestId('partition-grid');

      // keyboard focus opens a tooltip at once (hover waits for a delay)
      await user.keyboard('{Tab}');
      act(() => cellsIn('late')[0].focus());
      const tooltip = await screen.findByRole('tooltip');
      expect(within(tooltip).getByText('Late')).toBeInTheDocument();
      expect(within(tooltip).getByText(/^Deadline /)).toBeInTheDocument();
      expect(within(tooltip).getByText(/^Late by /)).toBeInTheDocument();
    });

    it('charts run durations with the failure marked, and lists the runs', async () => {
      const user = userEvent.setup();
      await render();

      const chart = await screen.findByRole('img', {
        name: /Durations of the last 44 runs, 1 failed; median \d+ min/,
      });
      const failed = chart.querySelectorAll('[data-run-state="FAIL"]');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toHaveTextContent('✕');
      expect(failed[0].querySelector('rect')).toHaveAccessibleName(
        /Failed.*OutOfMemoryError in SkipMatcher/,
      );

      const runs =
        (screen
          .getByRole('heading', { name: 'Runs' })
          .closest('.bui-Card') as HTMLElement) ?? document.body;
      expect(within(runs).getAllByRole('row')).toHaveLength(11);
      await user.click(
        within(runs).getByRole('button', { name: 'Show all 44 runs' }),
      );
      expect(within(runs).getAllByRole('row')).toHaveLength(45);
      expect(
        within(runs).getByText('OutOfMemoryError in SkipMatcher'),
      ).toBeInTheDocument();
      expect(within(runs).getByText('attempt 2')).toBeInTheDocument();
    });

    it('lists alerts open first, each with its history', async () => {
      await render();
      const open = await screen.findByTestId('alert-alert-phc');
      const resolved = screen.getByTestId('alert-alert-phc-old');
      expect(
        open.compareDocumentPosition(resolved) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();

      expect(within(open).getByText('Late partition')).toBeInTheDocument();
      expect(within(open).getByText('Critical')).toBeInTheDocument();
      const history = within(
        within(open).getByRole('list', { name: 'History' }),
      )
        .getAllByRole('listitem')
        .map(item => item.textContent);
      expect(history[0]).toMatch(/^Escalated \(high -> critical\)/);
      expect(history[1]).toMatch(/^Notified playback/);
      expect(history[2]).toMatch(/^Opened by the health checks/);

      expect(within(resolved).getByText('Resolved')).toBeInTheDocument();
      expect(
        within(resolved).getByText(/Acknowledged by astrid.lindqvist/),
      ).toBeInTheDocument();
      expect(
        within(resolved).getByText(
          /Resolved by the health checks \(The partition landed\)/,
        ),
      ).toBeInTheDocument();
      expect(
        within(resolved).queryByRole('button', { name: /Acknowledge/ }),
      ).not.toBeInTheDocument();
    });

    it("refuses to acknowledge another team's alert with a clear message (403)", async () => {
      const user = userEvent.setup();
      await render();
      const open = await screen.findByTestId('alert-alert-phc');

      await user.click(
        within(open).getByRole('button', { name: /^Acknowledge/ }),
      );

      const message = await screen.findByRole('alert');
      expect(message).toHaveTextContent(
        'You are not allowed to acknowledge alerts of plays-hourly-clean.',
      );
      expect(message).toHaveTextContent('Only members of playback');
      expect(open).toHaveAttribute('data-state', 'open');
    });
  });

  describe('a daily pipeline that failed', () => {
    beforeEach(() => {
      backend.pipelines.set(refs.subscriberCohorts, subscriberCohortsHealth());
      backend.owners.set(refs.subscriberCohorts, refs.listeningInsights);
    });

    it('shows the last 30 days, the newest failed with its reason', async () => {
      await render(subscriberCohortsEntity);
      await screen.findByTestId('partition-grid');

      expect(cells()).toHaveLength(30);
      const failed = cellsIn('failed');
      expect(failed).toHaveLength(1);
      expect(cells()[28]).toBe(failed[0]);
      expect(cells()[29]).toHaveAttribute('data-state', 'pending');
      expect(failed[0]).toHaveAccessibleName(
        /Failure: dbt test retained_lte_started failed: 14 rows/,
      );
      expect(cellsIn('landed_late')).toHaveLength(1);
      expect(
        screen.getAllByText('dbt test retained_lte_started failed: 14 rows')
          .length,
      ).toBeGreaterThan(0);
      expect(
        screen.getByText(/each is due 9 hours after the partition period ends/),
      ).toBeInTheDocument();
    });

    it('acknowledges the alert for its owners and shows who did', async () => {
      const user = userEvent.setup();
      await render(subscriberCohortsEntity);
      const alert = await screen.findByTestId('alert-alert-scd');

      await user.click(
        within(alert).getByRole('button', { name: /^Acknowledge/ }),
      );

      expect(
        await screen.findByText(
          'Acknowledged the alert on subscriber-cohorts-dbt.',
        ),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.getByTestId('alert-alert-scd')).toHaveAttribute(
          'data-state',
          'acknowledged',
        ),
      );
      expect(
        within(screen.getByTestId('alert-alert-scd')).getByText(
          /Acknowledged by guest/,
        ),
      ).toBeInTheDocument();
    });
  });

  it('shows progress while loading', async () => {
    backend.delayMs = 60_000;
    await render();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('explains an empty state when the backend knows nothing of the pipeline yet (404)', async () => {
    await render();
    expect(
      await screen.findByText(/No health data for this pipeline yet/),
    ).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    backend.failWith = 500;
    await render();
    expect(
      await screen.findByText(/Could not load pipeline health/),
    ).toBeInTheDocument();
  });

  it('says when there are no runs and no alerts', async () => {
    backend.pipelines.set(refs.playsHourlyClean, {
      pipelineRef: refs.playsHourlyClean,
      current: { state: 'healthy' },
      runs: [],
      partitions: [],
      alerts: [],
    });
    await render();
    expect(await screen.findByText(/No runs reported yet/)).toBeInTheDocument();
    expect(
      screen.getByText(/No alerts: nothing has been late or failed recently/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No partitions evaluated yet.'),
    ).toBeInTheDocument();
    expect(cellsIn('none')).toHaveLength(48);
  });
});
