import type { DataEndpointEntity, PipelineEntity } from './entities';
import {
  openLineageDatasetName,
  openLineageJobName,
} from './openLineageNaming';

function endpoint(
  spec: Pick<DataEndpointEntity['spec'], 'type' | 'location'>,
  annotations?: Record<string, string>,
): DataEndpointEntity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'DataEndpoint',
    metadata: { name: 'e', annotations },
    spec: { owner: 'team', lifecycle: 'production', ...spec },
  };
}

function pipeline(annotations?: Record<string, string>): PipelineEntity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'Pipeline',
    metadata: { name: 'aggregate-plays-hourly', annotations },
    spec: {
      owner: 'team',
      lifecycle: 'production',
      engine: 'scio',
      schedule: { type: 'hourly' },
      outputs: ['plays-hourly'],
    },
  };
}

describe('openLineageDatasetName', () => {
  it('names a BigQuery table project.dataset.table in namespace bigquery', () => {
    expect(
      openLineageDatasetName(
        endpoint({
          type: 'bigquery-table',
          location: {
            project: 'music-analytics',
            dataset: 'listening',
            table: 'plays_hourly',
          },
        }),
      ),
    ).toEqual({
      namespace: 'bigquery',
      name: 'music-analytics.listening.plays_hourly',
    });
  });

  it('names a Pub/Sub topic topic:project:topic in namespace pubsub', () => {
    expect(
      openLineageDatasetName(
        endpoint({
          type: 'pubsub-topic',
          location: { project: 'music-events', topic: 'track-played' },
        }),
      ),
    ).toEqual({ namespace: 'pubsub', name: 'topic:music-events:track-played' });
  });

  it('names a GCS path by bucket and a path starting with a slash', () => {
    const gcs = (path?: string) =>
      openLineageDatasetName(
        endpoint({ type: 'gcs-path', location: { bucket: 'exports', path } }),
      );
    expect(gcs('plays/daily')).toEqual({
      namespace: 'gs://exports',
      name: '/plays/daily',
    });
    expect(gcs('/plays/daily')).toEqual({
      namespace: 'gs://exports',
      name: '/plays/daily',
    });
    expect(gcs(undefined)).toEqual({ namespace: 'gs://exports', name: '/' });
  });

  it('prefers the annotations when both are set', () => {
    const annotated = endpoint(
      {
        type: 'bigquery-table',
        location: { project: 'music-analytics', dataset: 'd', table: 't' },
      },
      {
        'dataplatform.io/openlineage-namespace': 'postgres://db:5432',
        'dataplatform.io/openlineage-name': 'music.public.plays',
      },
    );
    expect(openLineageDatasetName(annotated)).toEqual({
      namespace: 'postgres://db:5432',
      name: 'music.public.plays',
    });
  });

  it('ignores a lone namespace annotation', () => {
    const halfAnnotated = endpoint(
      {
        type: 'pubsub-topic',
        location: { project: 'music-events', topic: 'track-played' },
      },
      { 'dataplatform.io/openlineage-namespace': 'kafka://broker:9092' },
    );
    expect(openLineageDatasetName(halfAnnotated)).toEqual({
      namespace: 'pubsub',
      name: 'topic:music-events:track-played',
    });
  });
});

describe('openLineageJobName', () => {
  it('uses the default namespace and the entity name', () => {
    expect(openLineageJobName(pipeline(), 'airflow-prod')).toEqual({
      namespace: 'airflow-prod',
      name: 'aggregate-plays-hourly',
    });
  });

  it('uses the annotations when both are set', () => {
    expect(
      openLineageJobName(
        pipeline({
          'dataplatform.io/openlineage-namespace': 'flink-streaming',
          'dataplatform.io/openlineage-name': 'plays.aggregate_hourly',
        }),
        'airflow-prod',
      ),
    ).toEqual({ namespace: 'flink-streaming', name: 'plays.aggregate_hourly' });
  });
});
