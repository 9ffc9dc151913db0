import { screen, within } from '@testing-library/react';
import { DataEndpointLocationCard } from './DataEndpointLocationCard';
import { DataEndpointPartitioningCard } from '../DataEndpointPartitioningCard';
import { DataEndpointAccessCard } from '../DataEndpointAccessCard';
import { DataEndpointQualityCard } from '../DataEndpointQualityCard';
import { DataEndpointPipelinesCard } from '../DataEndpointPipelinesCard';
import { renderCard } from '../../__testUtils__/renderCard';
import { findYamlHint } from '../../__testUtils__/yamlHint';
import {
  dailyStreams,
  trackPlayedHourly,
  trackPlayedTopic,
} from '../../__testUtils__/fixtures';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';

function withSpec(
  entity: DataEndpointEntity,
  spec: Partial<DataEndpointEntity['spec']>,
): DataEndpointEntity {
  return { ...entity, spec: { ...entity.spec, ...spec } };
}

describe('DataEndpoint cards', () => {
  it('location card shows the store type and the address with a copy button and a console link', async () => {
    await renderCard(<DataEndpointLocationCard />, trackPlayedHourly);

    expect(screen.getByText('BigQuery table')).toBeInTheDocument();
    expect(
      screen.getByText('sp-listening-prod.listening.track_played_hourly'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Copy sp-listening-prod.listening.track_played_hourly',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in Google Cloud console/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('console.cloud.google.com/bigquery'),
    );
  });

  it('location card gives Pub/Sub topics and GCS paths their own address form', async () => {
    const { unmount } = await renderCard(
      <DataEndpointLocationCard />,
      trackPlayedTopic,
    );
    expect(screen.getByText('Pub/Sub topic')).toBeInTheDocument();
    expect(
      screen.getByText('projects/sp-event-delivery/topics/track-played'),
    ).toBeInTheDocument();
    unmount();

    await renderCard(<DataEndpointLocationCard />, dailyStreams);
    expect(screen.getByText('GCS path')).toBeInTheDocument();
    expect(
      screen.getByText('gs://sp-royalties-exports/daily-streams/'),
    ).toBeInTheDocument();
  });

  it('location card warns about an incomplete location', async () => {
    await renderCard(
      <DataEndpointLocationCard />,
      withSpec(trackPlayedHourly, {
        location: { project: 'sp-listening-prod' },
      }),
    );
    expect(screen.getByText(/Incomplete location/)).toBeInTheDocument();
  });

  it('partitioning card shows the granularity, the time column, further keys and retention', async () => {
    await renderCard(<DataEndpointPartitioningCard />, trackPlayedHourly);

    expect(screen.getByText('Hourly (HOUR)')).toBeInTheDocument();
    expect(screen.getByText('event_time')).toBeInTheDocument();
    const keys = screen.getByRole('grid', { name: 'Partition keys' });
    expect(within(keys).getByText('country')).toBeInTheDocument();
    expect(within(keys).getByText('platform')).toBeInTheDocument();
    expect(screen.getByText('400 days')).toBeInTheDocument();
  });

  it('partitioning card explains how to declare partitioning', async () => {
    await renderCard(
      <DataEndpointPartitioningCard />,
      withSpec(trackPlayedHourly, {
        partitioning: undefined,
        retentionDays: undefined,
      }),
    );
    expect(screen.getByText('No partitioning declared')).toBeInTheDocument();
    expect(await findYamlHint('granularity: DAY')).toBeInTheDocument();
    expect(screen.getByText('Not set: kept until deleted')).toBeInTheDocument();
  });

  it('partitioning card does not ask a Pub/Sub topic for partitions', async () => {
    await renderCard(<DataEndpointPartitioningCard />, trackPlayedTopic);
    expect(
      screen.getByText(/A Pub\/Sub topic is a stream of messages/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No partitioning declared'),
    ).not.toBeInTheDocument();
  });

  it('access card links readers and writers to their groups', async () => {
    await renderCard(<DataEndpointAccessCard />, trackPlayedHourly);

    expect(screen.getByRole('link', { name: /analytics/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/analytics',
    );
    expect(screen.getByRole('link', { name: /royalties/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/royalties',
    );
    expect(screen.getByRole('link', { name: /playback/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/playback',
    );
  });

  it('access card explains how to declare access', async () => {
    await renderCard(<DataEndpointAccessCard />, trackPlayedTopic);
    expect(screen.getByText('No access declared')).toBeInTheDocument();
    expect(
      await findYamlHint('readers: [group:default/listening-insights]'),
    ).toBeInTheDocument();
  });

  it('quality card states each declared check', async () => {
    await renderCard(<DataEndpointQualityCard />, trackPlayedHourly);
    expect(
      screen.getByText("lands within 2 hours of the partition period's end"),
    ).toBeInTheDocument();
    expect(
      screen.getByText('at least 1,000,000 rows per partition'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('at most 0.1% nulls in user_id'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('SELECT * FROM t WHERE ms_played < 0'),
    ).toBeInTheDocument();
  });

  it('pipelines card links the pipelines writing and reading the endpoint', async () => {
    await renderCard(<DataEndpointPipelinesCard />, trackPlayedHourly);

    const writer = await screen.findByRole('link', {
      name: /track-played-ingest/,
    });
    expect(
      within(writer.closest('[role="row"]') as HTMLElement).getByText(
        'Dataflow, streaming',
      ),
    ).toBeInTheDocument();
    const reader = screen.getByRole('link', { name: /daily-listening-stats/ });
    expect(
      within(reader.closest('[role="row"]') as HTMLElement).getByText(
        'BigQuery, cron 0 3 * * * (Europe/Stockholm)',
      ),
    ).toBeInTheDocument();
  });

  it('pipelines card says when no pipeline writes the endpoint', async () => {
    // Not awaited: the empty "Written by" lookup settles right away, and must
    // do so inside findByText.
    renderCard(<DataEndpointPipelinesCard />, trackPlayedTopic);
    expect(
      await screen.findByText(
        'No pipeline declares this endpoint in its spec.outputs.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /track-played-ingest/ }),
    ).toBeInTheDocument();
  });
});
