import { screen, within } from '@testing-library/react';
import { FakeQualityBackend } from '../../quality/__testUtils__/FakeQualityBackend';
import {
  endpointQuality,
  endpointRef,
  NEWEST,
  playsHourly,
  SECOND,
  THIRD,
} from '../../quality/__testUtils__/qualityFixtures';
import { renderQuality } from '../../quality/__testUtils__/renderQuality';
import { partitionInWords } from '../../quality/checks/partitionWords';
import { DataEndpointQualityCard } from './DataEndpointQualityCard';

const backend = new FakeQualityBackend();
backend.listen();

const hour = (p: string) => partitionInWords(p, 'HOUR');

describe('DataEndpointQualityCard with the quality API', () => {
  it('shows the current score, the latest failures and the declared checks', async () => {
    const quality = endpointQuality();
    // an older failure of a check already listed (newer than the volume
    // anomaly's) is not listed again
    quality.results.push({
      ...quality.results.find(r => r.name === 'users are known')!,
      partition: THIRD,
      status: 'fail',
      message: 'null rate of user_id 0.4% > 0.1%',
      evaluatedAt: new Date(Date.parse(THIRD) + 115 * 60_000).toISOString(),
    });
    backend.endpoints.set(endpointRef, quality);
    renderQuality(<DataEndpointQualityCard />, { entity: playsHourly });

    expect(await screen.findByText(/^Quality score for /)).toBeInTheDocument();
    expect(screen.getByText('81')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the Quality tab' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/track-played-hourly/quality',
    );
    const failures = screen.getAllByRole('listitem');
    expect(failures.map(li => li.textContent)).toEqual([
      expect.stringContaining(
        `users are known on ${hour(NEWEST)}: null rate of user_id 3.2% > 0.1%`,
      ),
      expect.stringContaining(
        `not_null_track_id on ${hour(
          SECOND,
        )}: not_null_track_id: failed in dbt`,
      ),
      expect.stringContaining(`volume_anomaly on ${hour(THIRD)}: 120 rows`),
    ]);
    expect(within(failures[0]).getByText(/ago\)$/)).toBeInTheDocument();

    expect(
      screen.getByText('at most 0.1% nulls in user_id'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /run in the endpoint's warehouse when a run writes a partition and every hour; results that dbt, Great Expectations and Soda report through OpenLineage count too/,
      ),
    ).toBeInTheDocument();
  });

  it('says when the endpoint has no score yet, and still lists its checks', async () => {
    backend.endpoints.set(endpointRef, {
      ...endpointQuality(),
      score: undefined,
      results: [],
      partitions: [],
    });
    renderQuality(<DataEndpointQualityCard />, { entity: playsHourly });
    expect(
      await screen.findByText('No quality score yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Latest failures')).not.toBeInTheDocument();
    expect(
      screen.getByText('SELECT * FROM t WHERE ms_played < 0'),
    ).toBeInTheDocument();
  });

  it('keeps the declared checks when the score cannot be loaded', async () => {
    renderQuality(<DataEndpointQualityCard />, { entity: playsHourly });
    expect(
      await screen.findByText(/Could not load the quality score/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('at most 0.1% nulls in user_id'),
    ).toBeInTheDocument();
  });
});
