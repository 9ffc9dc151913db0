import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { findYamlHint } from '../__testUtils__/yamlHint';
import { trackPlayedTopic } from '../__testUtils__/fixtures';
import { FakeQualityBackend } from './__testUtils__/FakeQualityBackend';
import {
  endpointQuality,
  endpointRef,
  NEWEST,
  partitions,
  playsHourly,
  SECOND,
} from './__testUtils__/qualityFixtures';
import { renderQuality } from './__testUtils__/renderQuality';
import { partitionInWords } from './checks/partitionWords';
import { QualityContent } from './QualityContent';

const backend = new FakeQualityBackend();
backend.listen();

const hour = (p: string) => partitionInWords(p, 'HOUR');
const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function renderTab(entity: DataEndpointEntity = playsHourly) {
  renderQuality(<QualityContent refreshIntervalMs={0} />, { entity });
  return screen.findByRole('table', { name: 'Score components' });
}

describe('QualityContent', () => {
  it('shows the score, and its components add up to it, every deduction in words', async () => {
    backend.endpoints.set(endpointRef, endpointQuality());
    const components = await renderTab();

    expect(
      screen.getByText('Quality score for', { exact: false }),
    ).toBeInTheDocument();
    const groups = within(components)
      .getAllByRole('rowgroup')
      .filter(g => g.tagName === 'TBODY');
    expect(
      groups.map(g => within(g).getByRole('rowheader').textContent),
    ).toEqual(['Timeliness', 'Checks', 'Volume', 'Stewardship']);
    const checks = within(components).getByRole('rowgroup', { name: 'Checks' });
    expect(within(checks).getByText('35%')).toBeInTheDocument();
    expect(within(checks).getByText('63/100')).toBeInTheDocument();
    expect(within(checks).getByText('−13')).toBeInTheDocument();
    expect(
      within(checks).getByText(
        '−11 checks: null rate of user_id 3.2% > 0.1% (critical, 30 min ago)',
      ),
    ).toBeInTheDocument();
    expect(within(groups[0]).getByText('Nothing deducted')).toBeInTheDocument();

    const off = groups.map(g =>
      Number(within(g).getAllByRole('cell')[2].textContent!.replace('−', '')),
    );
    const total = off.reduce((a, b) => a + b, 0);
    expect(total).toBe(19);
    expect(
      screen.getByText(
        (_, el) => el?.textContent === `100 − ${total} points deducted = 81`,
      ),
    ).toBeInTheDocument();
  });

  it('says which components were left out and why', async () => {
    const quality = endpointQuality();
    quality.score!.components.timeliness = {
      score: null,
      weight: 0,
      deductions: [],
      excluded: 'no recent partitions from pipeline health',
    };
    quality.score!.note =
      'timeliness left out (no recent partitions from pipeline health); weights renormalized over checks, volume, stewardship';
    backend.endpoints.set(endpointRef, quality);
    await renderTab();
    expect(
      screen.getByText('Left out: no recent partitions from pipeline health'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/weights renormalized over checks/),
    ).toBeInTheDocument();
  });

  it('draws the 30-day trend and says it in words', async () => {
    backend.endpoints.set(endpointRef, endpointQuality());
    await renderTab();
    expect(
      screen.getByRole('img', {
        name: /^Daily score over 30 days: 95 on .*, 81 on .*; lowest 64 on /,
      }),
    ).toBeInTheDocument();
  });

  it('lays out partitions by checks, newest first, each status in words', async () => {
    backend.endpoints.set(endpointRef, endpointQuality());
    await renderTab();
    const grid = screen.getByRole('table', { name: 'Checks by partition' });
    const headers = grid.querySelectorAll('th[scope="col"][aria-label]');
    expect([...headers].map(h => h.getAttribute('aria-label'))).toEqual(
      partitions.map(hour),
    );
    const days = within(grid)
      .getAllByRole('columnheader')
      .filter(h => h.getAttribute('scope') === 'colgroup');
    expect(
      days.reduce((sum, h) => sum + Number(h.getAttribute('colspan')), 0),
    ).toBe(partitions.length);
    expect(days[0]).toHaveTextContent(
      hour(NEWEST).replace(/ \d\d:\d\d UTC$/, ''),
    );

    const row = (name: string) =>
      within(grid)
        .getByRole('rowheader', { name: new RegExp(`^${name}`) })
        .closest('tr')!;
    const users = row('users are known');
    expect(
      within(users).getByRole('button', {
        name: `users are known, ${hour(
          NEWEST,
        )}: Fail (null rate of user_id 3.2% > 0.1%). Show details`,
      }),
    ).toBeInTheDocument();
    expect(within(users).getAllByRole('img', { name: /: Pass/ })).toHaveLength(
      5,
    );
    expect(
      within(row('no negative playtime')).getByRole('img', {
        name: /: Not run \(the partition has no rows yet\)/,
      }),
    ).toBeInTheDocument();

    const dbt = row('not_null_track_id');
    expect(within(dbt).getByText('dbt')).toBeInTheDocument();
    expect(
      within(dbt).getByRole('button', {
        name: new RegExp(`${hour(SECOND)}: Fail`),
      }),
    ).toBeInTheDocument();
    expect(
      within(dbt).getAllByRole('img', { name: /: No result$/ }),
    ).toHaveLength(3);
  });

  it('shows the hour still filling as not judged, with when it will be', async () => {
    const quality = endpointQuality();
    const filling = new Date(Date.parse(NEWEST) + 3_600_000).toISOString();
    const completeAt = new Date(Date.parse(filling) + 7_200_000).toISOString();
    quality.partitions = [filling, ...quality.partitions];
    quality.filling = [{ partition: filling, completeAt }];
    backend.endpoints.set(endpointRef, quality);
    await renderTab();
    const grid = screen.getByRole('table', { name: 'Checks by partition' });
    expect(
      within(grid).getByRole('columnheader', {
        name: `${hour(filling)}, filling: judged from ${hour(completeAt)}`,
      }),
    ).toBeInTheDocument();
    const users = within(grid)
      .getByRole('rowheader', { name: /^users are known/ })
      .closest('tr')!;
    expect(
      within(users).getByRole('img', {
        name: `users are known, ${hour(
          filling,
        )}: Filling, not judged yet (judged from ${hour(completeAt)})`,
      }),
    ).toBeInTheDocument();
    // The newest judged hour still shows its failure.
    expect(
      within(users).getByRole('button', {
        name: new RegExp(`${escapeRegExp(hour(NEWEST))}: Fail`),
      }),
    ).toBeInTheDocument();
  });

  it('shows a failing check with its measurement and the query that ran, ready to copy', async () => {
    const user = userEvent.setup();
    backend.endpoints.set(endpointRef, endpointQuality());
    await renderTab();
    const failing = screen.getByRole('region', {
      name: 'users are known failing',
    });
    expect(within(failing).getByText('null_rate')).toBeInTheDocument();
    expect(within(failing).getByText('at most 0.1%')).toBeInTheDocument();
    expect(within(failing).getByText('3.2%')).toBeInTheDocument();
    expect(within(failing).getByText('critical')).toBeInTheDocument();
    expect(
      within(failing).getByText(
        '50.0 MB processed · 50.0 MB billed · 1.25 s slot time · took 840 ms · job job_7f3a',
      ),
    ).toBeInTheDocument();
    const end = new Date(Date.parse(NEWEST) + 3_600_000).toISOString();
    const sql = `SELECT COUNT(*) AS "row_count", COUNT("user_id") AS "non_null__user_id" FROM "listening__track_played_hourly" WHERE "event_time" >= '${NEWEST}' AND "event_time" < '${end}'`;
    expect(within(failing).getByText(sql)).toBeInTheDocument();

    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(
      within(failing).getByRole('button', { name: 'Copy SQL: Query' }),
    );
    expect(writeText).toHaveBeenCalledWith(sql);
    expect(
      within(failing).getByRole('button', { name: 'Copy SQL: Query' }),
    ).toHaveTextContent('Copied');
  });

  it('opens the details of a failed cell picked in the grid', async () => {
    const user = userEvent.setup();
    backend.endpoints.set(endpointRef, endpointQuality());
    await renderTab();
    await user.click(
      screen.getByRole('button', {
        name: new RegExp(`^not_null_track_id, ${hour(SECOND)}: Fail`),
      }),
    );
    const heading = screen.getByRole('heading', {
      name: `not_null_track_id on ${hour(SECOND)}`,
    });
    expect(heading).toBeInTheDocument();
    expect(screen.getByText('dbt, through OpenLineage')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(heading).not.toBeInTheDocument();
  });

  it('says exactly that no runner handles the table, and still shows emitted results', async () => {
    const quality = endpointQuality();
    delete quality.runner;
    backend.endpoints.set(endpointRef, quality);
    await renderTab();
    expect(
      screen.getByText(
        'No quality runner handles this table: install the BigQuery or local-warehouse module',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run checks now' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('rowheader', { name: /^not_null_track_id/ }),
    ).toBeInTheDocument();
  });

  it('says runners do not check a topic', async () => {
    const topicRef = 'dataendpoint:default/track-played-topic';
    backend.endpoints.set(topicRef, {
      ...endpointQuality(),
      entityRef: topicRef,
      runner: undefined,
      checks: [],
      results: [],
      partitions: [],
      volume: undefined,
    });
    await renderTab(trackPlayedTopic);
    expect(
      screen.getByText('No quality runner checks this endpoint'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/this endpoint is a Pub\/Sub topic/),
    ).toBeInTheDocument();
  });

  it('shows how to declare checks when there are none, and the score still shows', async () => {
    const quality = endpointQuality();
    quality.checks = [];
    quality.results = [];
    quality.partitions = [];
    quality.score!.components.checks = {
      score: null,
      weight: 0,
      deductions: [],
      excluded: 'no check results',
    };
    backend.endpoints.set(endpointRef, quality);
    await renderTab({
      ...playsHourly,
      spec: { ...playsHourly.spec, quality: [] },
    });
    expect(screen.getByText('No quality checks declared')).toBeInTheDocument();
    expect(await findYamlHint('type: null_rate')).toBeInTheDocument();
    expect(screen.getByText('Left out: no check results')).toBeInTheDocument();
    expect(
      screen.getByText('−3 stewardship: 2 of 12 fields have no description'),
    ).toBeInTheDocument();
  });

  it('says when the backend does not know the endpoint', async () => {
    renderQuality(<QualityContent refreshIntervalMs={0} />, {
      entity: playsHourly,
    });
    expect(
      await screen.findByText(/Could not load the endpoint's quality/),
    ).toBeInTheDocument();
  });
});
