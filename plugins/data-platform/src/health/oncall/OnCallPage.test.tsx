import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeHealthBackend } from '../__testUtils__/healthBackend';
import { refs, freezeDateAtFixtures } from '../__testUtils__/healthFixtures';
import { renderHealth } from '../__testUtils__/renderHealth';
import { OnCallPage } from './OnCallPage';

const backend = new FakeHealthBackend();
backend.listen();

function rowOf(name: string): HTMLElement {
  const row = screen
    .getAllByRole('row')
    .find(
      r =>
        within(r).queryByText(name, { exact: false }) !== null &&
        r.querySelector('[role="rowheader"]'),
    );
  if (!row) throw new Error(`No row for ${name}`);
  return row;
}

function pipelineOrder(): string[] {
  return screen
    .getAllByRole('rowheader')
    .map(cell => cell.querySelector('a')?.textContent ?? '');
}

async function renderPage(options: Parameters<typeof renderHealth>[1] = {}) {
  const result = await renderHealth(<OnCallPage refreshIntervalMs={0} />, {
    path: '/pipeline-health',
    ...options,
  });
  return result;
}

freezeDateAtFixtures();

describe('OnCallPage', () => {
  it("shows my teams' late and failed pipelines by default, most severe first", async () => {
    await renderPage();

    expect(
      await screen.findByText('Subscriber cohorts (dbt)'),
    ).toBeInTheDocument();
    const query = backend.lastOnCallQuery()!;
    expect(query.get('owners')?.split(',')).toEqual([
      refs.guest,
      refs.dataInfrastructure,
      refs.listeningInsights,
    ]);
    expect(query.get('filter')).toBe('problems');
    expect(query.get('sort')).toBe('severity');

    expect(pipelineOrder()).toEqual([
      'Subscriber cohorts (dbt)',
      'Plays per track, daily',
    ]);
    expect(screen.queryByText('Clean plays, hourly')).not.toBeInTheDocument();
    expect(
      screen.queryByText('Listening per user, daily'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('Your teams: data-infrastructure, listening-insights'),
    ).toBeInTheDocument();
  });

  it('shows owner, coloured status, partition, late by, root cause and alert state', async () => {
    await renderPage();
    await screen.findByText('Subscriber cohorts (dbt)');

    const failing = rowOf('Subscriber cohorts (dbt)');
    const failed = within(failing).getByText('Failed').closest('[data-tone]');
    expect(failed).toHaveAttribute('data-tone', 'danger');
    expect(within(failing).getByText(/^This pipeline/)).toBeInTheDocument();
    // What a failing root cause holds up, on the lineage graph.
    expect(
      within(failing).getByRole('link', { name: 'Downstream impact' }),
    ).toHaveAttribute(
      'href',
      `/data-lineage?${new URLSearchParams({
        node: 'pipeline:default/subscriber-cohorts-dbt',
        direction: 'downstream',
        depth: '3',
      })}`,
    );
    expect(within(failing).getByText('Open')).toBeInTheDocument();
    expect(within(failing).getByText('Critical')).toBeInTheDocument();
    expect(
      within(failing).getByText(
        /^for 3 h( \d+ min)?, since \w{3} \d+ \w{3} \d\d:\d\d UTC$/,
      ),
    ).toBeInTheDocument();

    const late = rowOf('Plays per track, daily');
    expect(
      within(late).getByText('Late').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'warning');
    expect(within(late).getByText('1 h 15 min')).toBeInTheDocument();
    expect(within(late).getByText(/listening-insights/)).toBeInTheDocument();
    const rootCause = within(late).getByTestId('root-cause');
    expect(rootCause).toHaveTextContent(
      /Caused by plays-hourly-clean upstream \(late,/,
    );
    expect(
      within(rootCause).getByRole('link', { name: 'plays-hourly-clean' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/pipeline/plays-hourly-clean/health',
    );
    // The blockage on the lineage graph: the path from the root cause.
    expect(
      within(rootCause).getByRole('link', { name: 'Show in lineage' }),
    ).toHaveAttribute(
      'href',
      `/data-lineage?${new URLSearchParams({
        node: 'pipeline:default/plays-daily-aggregate',
        pathFrom: 'pipeline:default/plays-hourly-clean',
      })}`,
    );
    expect(
      within(late).getByRole('link', { name: 'Plays per track, daily' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/pipeline/plays-daily-aggregate/health',
    );
  });

  it('widens to every team and to healthy pipelines', async () => {
    const user = userEvent.setup();
    await renderPage();
    await screen.findByText('Subscriber cohorts (dbt)');

    await user.click(screen.getByRole('radio', { name: 'All teams' }));
    await waitFor(() =>
      expect(screen.getByText('Clean plays, hourly')).toBeInTheDocument(),
    );
    expect(backend.lastOnCallQuery()!.has('owners')).toBe(false);
    // critical before high; failed before late; then the oldest
    expect(pipelineOrder()).toEqual([
      'Subscriber cohorts (dbt)',
      'Clean plays, hourly',
      'Plays per track, daily',
    ]);
    expect(
      screen.queryByText('Playback errors rollup'),
    ).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'All pipelines' }));
    await waitFor(() =>
      expect(screen.getByText('Playback errors rollup')).toBeInTheDocument(),
    );
    expect(backend.lastOnCallQuery()!.get('filter')).toBe('all');
    expect(
      within(rowOf('Listening per user, daily')).getByText('Healthy'),
    ).toBeInTheDocument();
    expect(pipelineOrder()).toHaveLength(5);
  });

  it('says how many pipelines it left out, and names no hidden root cause', async () => {
    const user = userEvent.setup();
    backend.unreadable = new Set([refs.playsHourlyClean]);
    await renderPage();
    await screen.findByText('Subscriber cohorts (dbt)');
    await user.click(screen.getByRole('radio', { name: 'All teams' }));

    expect(
      await screen.findByText('1 pipeline you may not see is left out.'),
    ).toBeInTheDocument();
    expect(pipelineOrder()).toEqual([
      'Subscriber cohorts (dbt)',
      'Plays per track, daily',
    ]);
    const rootCause = within(rowOf('Plays per track, daily')).getByTestId(
      'root-cause',
    );
    expect(rootCause).toHaveTextContent(
      /Caused by a pipeline you may not see upstream \(late,/,
    );
    expect(within(rootCause).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByText(/plays-hourly-clean/)).not.toBeInTheDocument();
  });

  it('says nothing of left-out pipelines when none were', async () => {
    await renderPage();
    await screen.findByText('Subscriber cohorts (dbt)');
    expect(screen.queryByTestId('left-out-note')).not.toBeInTheDocument();
  });

  it('sorts by age or name on request', async () => {
    const user = userEvent.setup();
    await renderPage({ path: '/pipeline-health?teams=all' });
    await screen.findByText('Clean plays, hourly');

    await user.click(screen.getByRole('button', { name: /Sort by/ }));
    await user.click(
      await screen.findByRole('option', { name: 'Oldest problem first' }),
    );
    await waitFor(() =>
      expect(backend.lastOnCallQuery()!.get('sort')).toBe('age'),
    );
    await waitFor(() =>
      expect(pipelineOrder()).toEqual([
        'Subscriber cohorts (dbt)',
        'Clean plays, hourly',
        'Plays per track, daily',
      ]),
    );

    await user.click(screen.getByRole('button', { name: /Sort by/ }));
    await user.click(await screen.findByRole('option', { name: 'Name' }));
    await waitFor(() =>
      expect(pipelineOrder()).toEqual([
        'Plays per track, daily',
        'Clean plays, hourly',
        'Subscriber cohorts (dbt)',
      ]),
    );
  });

  it('acknowledges an alert of my team and shows it acknowledged', async () => {
    const user = userEvent.setup();
    await renderPage();
    await screen.findByText('Subscriber cohorts (dbt)');

    await user.click(
      screen.getByRole('button', {
        name: `Acknowledge alert on ${refs.subscriberCohorts}`,
      }),
    );

    expect(
      await screen.findByText(
        'Acknowledged the alert on subscriber-cohorts-dbt.',
      ),
    ).toBeInTheDocument();
    const post = backend.requests.find(r => r.method === 'POST')!;
    expect(post.url.pathname).toBe(
      '/api/data-platform/health/alerts/alert-scd/acknowledge',
    );
    await waitFor(() =>
      expect(
        within(rowOf('Subscriber cohorts (dbt)')).getByText('Acknowledged'),
      ).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', {
        name: `Acknowledge alert on ${refs.subscriberCohorts}`,
      }),
    ).not.toBeInTheDocument();
  });

  it('snoozes an alert for the chosen time', async () => {
    const user = userEvent.setup();
    await renderPage();
    await screen.findByText('Plays per track, daily');

    const before = Date.now();
    await user.click(
      screen.getByRole('button', {
        name: `Snooze alert on ${refs.playsDailyAggregate}`,
      }),
    );
    await user.click(
      await screen.findByRole('menuitem', { name: 'for 4 hours' }),
    );

    expect(
      await screen.findByText(
        /Snoozed the alert on plays-daily-aggregate until/,
      ),
    ).toBeInTheDocument();
    const post = backend.requests.find(r => r.method === 'POST')!;
    expect(post.url.pathname).toBe(
      '/api/data-platform/health/alerts/alert-pda/snooze',
    );
    const until = Date.parse((post.body as { until: string }).until);
    expect(until - before).toBeGreaterThanOrEqual(4 * 3_600_000 - 1000);
    expect(until - Date.now()).toBeLessThanOrEqual(4 * 3_600_000);
    await waitFor(() =>
      expect(
        within(rowOf('Plays per track, daily')).getByText(/^Snoozed until/),
      ).toBeInTheDocument(),
    );
  });

  it('resolves an alert of a still-late pipeline after saying it will reopen', async () => {
    const user = userEvent.setup();
    await renderPage();
    await screen.findByText('Plays per track, daily');

    await user.click(
      screen.getByRole('button', {
        name: `Resolve alert on ${refs.playsDailyAggregate}`,
      }),
    );
    const confirm = screen.getByRole('group', { name: 'Confirm resolve' });
    expect(confirm).toHaveTextContent(
      /is still late: the next health check reopens this alert until it lands/,
    );
    expect(backend.requests.some(r => r.method === 'POST')).toBe(false);
    await user.click(
      within(confirm).getByRole('button', { name: /^Resolve anyway/ }),
    );
    const outcome = await screen.findByText(
      'Resolved the alert on plays-daily-aggregate.',
    );
    // Focus lands on what happened, not on the page body.
    expect(screen.getByTestId('alert-action-outcome')).toHaveFocus();
    expect(outcome).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(rowOf('Plays per track, daily')).getByText('Resolved'),
      ).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', {
        name: `Resolve alert on ${refs.playsDailyAggregate}`,
      }),
    ).not.toBeInTheDocument();
  });

  it("says clearly who may act when the backend refuses (403) on another team's pipeline", async () => {
    const user = userEvent.setup();
    await renderPage({ path: '/pipeline-health?teams=all' });
    await screen.findByText('Clean plays, hourly');

    await user.click(
      screen.getByRole('button', {
        name: `Acknowledge alert on ${refs.playsHourlyClean}`,
      }),
    );

    const message = await screen.findByRole('alert');
    expect(message).toHaveTextContent(
      'You are not allowed to acknowledge alerts of plays-hourly-clean.',
    );
    expect(message).toHaveTextContent(
      "Only members of playback (the pipeline's owners) or someone holding the on-call permission can.",
    );
    expect(
      within(rowOf('Clean plays, hourly')).getByText('Open'),
    ).toBeInTheDocument();

    await user.click(within(message).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers to widen the view when nothing of my teams is wrong', async () => {
    const user = userEvent.setup();
    await renderPage({
      ownershipEntityRefs: [refs.guest, refs.dataInfrastructure],
    });

    expect(
      await screen.findByText(
        'Nothing is late or failed for your teams right now.',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all teams' }));
    expect(await screen.findByText('Clean plays, hourly')).toBeInTheDocument();
  });

  it('shows an error when the health API cannot be reached', async () => {
    backend.failWith = 500;
    await renderPage();
    expect(
      await screen.findByText(/Could not load pipeline health/),
    ).toBeInTheDocument();
    expect(screen.getByText(/Request failed with 500/)).toBeInTheDocument();
  });

  it('keeps the rows it has when a refresh fails', async () => {
    const user = userEvent.setup();
    await renderPage();
    await screen.findByText('Subscriber cohorts (dbt)');

    backend.failWith = 503;
    await user.click(screen.getByRole('button', { name: 'Refresh now' }));

    expect(
      await screen.findByText(
        'Could not refresh the list; showing the last answer.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Subscriber cohorts (dbt)')).toBeInTheDocument();
  });

  it('refreshes on its own', async () => {
    await renderHealth(<OnCallPage refreshIntervalMs={100} />, {
      path: '/pipeline-health',
    });
    await screen.findByText('Subscriber cohorts (dbt)');
    expect(screen.getByText(/refreshes every/)).toBeInTheDocument();

    backend.rows = backend.rows.filter(
      r => r.pipelineRef !== refs.subscriberCohorts,
    );
    await waitFor(() =>
      expect(
        screen.queryByText('Subscriber cohorts (dbt)'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Plays per track, daily')).toBeInTheDocument();
  });
});
