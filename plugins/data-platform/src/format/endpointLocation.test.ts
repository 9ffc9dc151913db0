import {
  endpointAddress,
  endpointConsoleUrl,
  endpointTypeLabel,
} from './endpointLocation';

describe('endpoint location', () => {
  it('names the store types', () => {
    expect(endpointTypeLabel('bigquery-table')).toBe('BigQuery table');
    expect(endpointTypeLabel('pubsub-topic')).toBe('Pub/Sub topic');
    expect(endpointTypeLabel('gcs-path')).toBe('GCS path');
    expect(endpointTypeLabel('kafka-topic')).toBe('kafka-topic');
  });

  it('gives the address engineers paste into their tools', () => {
    expect(
      endpointAddress({
        type: 'bigquery-table',
        location: {
          project: 'sp-listening-prod',
          dataset: 'listening',
          table: 'plays',
        },
      }),
    ).toBe('sp-listening-prod.listening.plays');
    expect(
      endpointAddress({
        type: 'pubsub-topic',
        location: { project: 'sp-events', topic: 'track-played' },
      }),
    ).toBe('projects/sp-events/topics/track-played');
    expect(
      endpointAddress({
        type: 'gcs-path',
        location: { bucket: 'sp-exports', path: '/daily/streams/' },
      }),
    ).toBe('gs://sp-exports/daily/streams/');
    expect(
      endpointAddress({ type: 'gcs-path', location: { bucket: 'sp-exports' } }),
    ).toBe('gs://sp-exports/');
  });

  it('has no address for an incomplete location', () => {
    expect(
      endpointAddress({
        type: 'bigquery-table',
        location: { project: 'p', table: 't' },
      }),
    ).toBeUndefined();
    expect(
      endpointConsoleUrl({ type: 'pubsub-topic', location: {} }),
    ).toBeUndefined();
  });

  it('links to the Google Cloud console', () => {
    expect(
      endpointConsoleUrl({
        type: 'bigquery-table',
        location: {
          project: 'sp-listening-prod',
          dataset: 'listening',
          table: 'plays',
        },
      }),
    ).toBe(
      'https://console.cloud.google.com/bigquery?project=sp-listening-prod&ws=!1m5!1m4!4m3!1ssp-listening-prod!2slistening!3splays',
    );
    expect(
      endpointConsoleUrl({
        type: 'pubsub-topic',
        location: { project: 'sp-events', topic: 'track-played' },
      }),
    ).toBe(
      'https://console.cloud.google.com/cloudpubsub/topic/detail/track-played?project=sp-events',
    );
  });
});
