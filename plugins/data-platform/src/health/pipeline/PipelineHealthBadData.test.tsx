import { screen, within } from '@testing-library/react';
import type { PipelineAlert } from '@dataplatform/backstage-plugin-data-platform-common';
import { FakeHealthBackend } from '../__testUtils__/healthBackend';
import {
  freezeDateAtFixtures,
  iso,
  NOW_HOUR,
  playsHourlyCleanEntity,
  playsHourlyCleanHealth,
  refs,
} from '../__testUtils__/healthFixtures';
import { renderHealth } from '../__testUtils__/renderHealth';
import { PipelineHealthContent } from './PipelineHealthContent';

const backend = new FakeHealthBackend();
backend.listen();
freezeDateAtFixtures();

const HOUR = 3_600_000;
const ENDPOINT = 'dataendpoint:default/plays-hourly-clean-out';

/** plays-hourly-clean's own bad partition, and one caused upstream. */
const badData: PipelineAlert[] = [
  {
    id: 'alert-bad-own',
    pipelineRef: refs.playsHourlyClean,
    problem: 'bad_data',
    partition: iso(NOW_HOUR - 3 * HOUR),
    severity: 'high',
    state: 'open',
    openedAt: iso(NOW_HOUR - 2 * HOUR),
    failedChecks: [
      {
        endpointRef: ENDPOINT,
        check: 'uniqueness:play_id',
        message: '1,204 duplicate rows',
        source: 'local-warehouse',
      },
    ],
    history: [{ at: iso(NOW_HOUR - 2 * HOUR), action: 'opened', by: 'system' }],
  },
  {
    id: 'alert-bad-upstream',
    pipelineRef: refs.playsHourlyClean,
    problem: 'bad_data',
    partition: iso(NOW_HOUR - 4 * HOUR),
    severity: 'normal',
    state: 'acknowledged',
    openedAt: iso(NOW_HOUR - 3 * HOUR),
    rootCause: {
      chain: [
        {
          pipelineRef: 'pipeline:default/track-played-ingest',
          partition: iso(NOW_HOUR - 4 * HOUR),
          state: 'bad_data',
        },
      ],
    },
    failedChecks: [
      {
        endpointRef: ENDPOINT,
        check: 'volume',
        message: '812 rows < 20,000',
        source: 'local-warehouse',
      },
    ],
    history: [{ at: iso(NOW_HOUR - 3 * HOUR), action: 'opened', by: 'system' }],
  },
];

describe('PipelineHealthContent with bad data', () => {
  beforeEach(() => {
    const health = playsHourlyCleanHealth();
    health.alerts = [...badData, ...health.alerts];
    backend.pipelines.set(refs.playsHourlyClean, health);
    backend.owners.set(refs.playsHourlyClean, refs.playback);
  });

  it('names the bad partitions and their failing checks under "Now"', async () => {
    await renderHealth(<PipelineHealthContent refreshIntervalMs={0} />, {
      entity: playsHourlyCleanEntity,
    });
    const now = await screen.findByTestId('bad-data-now');
    expect(within(now).getAllByTestId('failed-checks')).toHaveLength(2);
    expect(now).toHaveTextContent(/^Bad dataPartition .+Bad dataPartition /);
    // Oldest first.
    expect(within(now).getAllByTestId('failed-checks')[0]).toHaveTextContent(
      'volume on plays-hourly-clean-out: 812 rows < 20,000 (local-warehouse)',
    );
    expect(
      within(now).getByRole('link', { name: 'uniqueness:play_id' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/plays-hourly-clean-out/quality',
    );
  });

  it('shows bad-data alerts in the timeline, caused upstream as expected bad data', async () => {
    await renderHealth(<PipelineHealthContent refreshIntervalMs={0} />, {
      entity: playsHourlyCleanEntity,
    });
    const own = await screen.findByTestId('alert-alert-bad-own');
    expect(within(own).getByText('Bad data')).toBeInTheDocument();
    expect(within(own).getByText(/1,204 duplicate rows/)).toBeInTheDocument();
    const upstream = screen.getByTestId('alert-alert-bad-upstream');
    expect(
      within(upstream).getByText('Bad data (expected bad data)'),
    ).toBeInTheDocument();
    expect(within(upstream).getByTestId('root-cause')).toHaveTextContent(
      /Caused by track-played-ingest upstream \(bad data,/,
    );
  });
});
