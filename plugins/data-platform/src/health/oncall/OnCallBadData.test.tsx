import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OnCallRow } from '@dataplatform/backstage-plugin-data-platform-common';
import { FakeHealthBackend } from '../__testUtils__/healthBackend';
import {
  freezeDateAtFixtures,
  iso,
  NOW_HOUR,
  refs,
} from '../__testUtils__/healthFixtures';
import { renderHealth } from '../__testUtils__/renderHealth';
import { partitionLabel } from '../../format/time';
import { OnCallPage } from './OnCallPage';

const backend = new FakeHealthBackend();
backend.listen();
freezeDateAtFixtures();

const HOUR = 3_600_000;
const ROLLUP = refs.userListeningRollup;
const ENDPOINT = 'dataendpoint:default/user-listening-daily';

/** user-listening-rollup wrote a partition four critical checks fail on. */
const badDataRow: OnCallRow = {
  pipelineRef: ROLLUP,
  title: 'Listening per user, daily',
  owner: refs.listeningInsights,
  lifecycle: 'production',
  state: 'bad_data',
  partition: iso(NOW_HOUR - 3 * HOUR),
  since: iso(NOW_HOUR - HOUR),
  alert: {
    id: 'alert-ulr',
    state: 'open',
    severity: 'high',
    failedChecks: [
      {
        endpointRef: ENDPOINT,
        check: 'null_rate:user_id',
        message: 'null rate of user_id 4.1% > 1%',
        source: 'local-warehouse',
      },
      {
        endpointRef: ENDPOINT,
        check: 'uniqueness:play_id',
        message: '1,204 duplicate rows',
        source: 'local-warehouse',
      },
      {
        endpointRef: ENDPOINT,
        check: 'volume',
        message: '812 rows < 20,000',
        source: 'local-warehouse',
      },
      {
        endpointRef: ENDPOINT,
        check: 'not_null_user_id',
        message: 'dbt test failed',
        source: 'dbt',
      },
    ],
  },
};

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

describe('OnCallPage with bad data', () => {
  beforeEach(() => {
    backend.rows = [
      ...backend.rows.filter(r => r.pipelineRef !== ROLLUP),
      badDataRow,
    ];
  });

  it('lists a pipeline that wrote bad data next to late and failed ones, with its failing checks', async () => {
    await renderHealth(<OnCallPage refreshIntervalMs={0} />, {
      path: '/pipeline-health',
    });
    await screen.findByText('Listening per user, daily');

    const row = rowOf('Listening per user, daily');
    const status = within(row).getByText('Bad data').closest('[data-tone]');
    expect(status).toHaveAttribute('data-tone', 'danger');
    const checks = within(row).getByTestId('failed-checks');
    expect(
      within(checks).getByRole('link', { name: 'null_rate:user_id' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/user-listening-daily/quality',
    );
    expect(within(checks).getByText('uniqueness:play_id')).toBeInTheDocument();
    expect(within(checks).getByText('volume')).toBeInTheDocument();
    expect(within(checks).queryByText('not_null_user_id')).toBeNull();
    expect(within(checks).getByText('and 1 more')).toBeInTheDocument();
    expect(
      within(checks).getByText('null_rate:user_id').closest('[title]'),
    ).toHaveAttribute('title', 'null rate of user_id 4.1% > 1%');
    // Its own root cause: what it holds up downstream.
    expect(within(row).getByText(/^This pipeline/)).toBeInTheDocument();
    expect(within(row).getByText('High')).toBeInTheDocument();
    expect(
      within(row).getByText(
        /^for 1 h( \d+ min)?, since \w{3} \d+ \w{3} \d\d:\d\d UTC$/,
      ),
    ).toBeInTheDocument();

    expect(screen.getByTestId('oncall-summary')).toHaveTextContent(
      /1 failed, 1 late, 1 with bad data\./,
    );
  });

  it('acknowledges the bad-data alert like any other', async () => {
    const user = userEvent.setup();
    await renderHealth(<OnCallPage refreshIntervalMs={0} />, {
      path: '/pipeline-health',
    });
    await screen.findByText('Listening per user, daily');

    await user.click(
      screen.getByRole('button', { name: `Acknowledge alert on ${ROLLUP}` }),
    );

    const post = backend.requests.find(r => r.method === 'POST')!;
    expect(post.url.pathname).toBe(
      '/api/data-platform/health/alerts/alert-ulr/acknowledge',
    );
    await waitFor(() =>
      expect(
        within(rowOf('Listening per user, daily')).getByText('Acknowledged'),
      ).toBeInTheDocument(),
    );
  });

  it('lists bad data in an endpoint no pipeline writes, linked to its Quality tab', async () => {
    backend.endpointRows = [
      {
        pipelineRef: 'dataendpoint:default/label-deliveries',
        title: 'Label deliveries (DDEX)',
        owner: refs.listeningInsights,
        lifecycle: '',
        state: 'bad_data',
        partition: iso(NOW_HOUR - 2 * HOUR),
        since: iso(NOW_HOUR - HOUR),
        alert: {
          id: 'alert-labels',
          state: 'open',
          severity: 'normal',
          failedChecks: [
            {
              endpointRef: 'dataendpoint:default/label-deliveries',
              check: 'volume',
              message: '0 rows < 1 expected',
              source: 'local-warehouse',
            },
          ],
        },
      },
    ];
    await renderHealth(<OnCallPage refreshIntervalMs={0} />, {
      path: '/pipeline-health',
    });
    const table = await screen.findByRole('table', {
      name: 'Bad data in endpoints no pipeline writes',
    });
    expect(
      within(table).getByRole('link', { name: 'Label deliveries (DDEX)' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/label-deliveries/quality',
    );
    expect(within(table).getByText(/0 rows < 1 expected/)).toBeInTheDocument();
    expect(
      within(table).getByText(partitionLabel(iso(NOW_HOUR - 2 * HOUR))),
    ).toBeInTheDocument();
    // Next to the pipelines, not instead of them.
    expect(screen.getByText('Listening per user, daily')).toBeInTheDocument();
  });
});
