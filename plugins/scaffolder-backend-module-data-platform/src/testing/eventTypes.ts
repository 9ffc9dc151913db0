import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';

/** playlist-followed at revision 1, as the catalog returns it after processing a local catalog file. */
export function playlistFollowed(
  overrides: { file?: string; revision?: number } = {},
): EventTypeEntity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'EventType',
    metadata: {
      name: 'playlist-followed',
      namespace: 'default',
      uid: '6a1d0c1e-0000-4000-8000-000000000001',
      etag: 'abc',
      title: 'Playlist Followed',
      description: 'A listener followed a playlist.',
      annotations: {
        'backstage.io/managed-by-location': `file:${
          overrides.file ??
          '/srv/local-catalog/event-types/playlist-followed.yaml'
        }`,
        'backstage.io/managed-by-origin-location':
          'file:/srv/local-catalog/**/*.yaml',
        'backstage.io/view-url': 'file:/srv/x',
        'dataplatform.io/changed-at': '2025-03-01T10:00:05.000Z',
        'dataplatform.io/schema-revised-at': '2025-03-01T10:00:00.000Z',
        'dataplatform.io/schema-revision-comment': 'First revision',
        'dataplatform.io/pii-reviewed-by': 'user:default/guest',
      },
    },
    spec: {
      owner: 'group:default/playback',
      lifecycle: 'experimental',
      delivery: { partitioning: 'HOUR', retentionDays: 90 },
      schema: {
        revision: overrides.revision ?? 1,
        compatibility: 'BACKWARD',
        fields: [
          { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
          { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
          {
            name: 'user_id',
            type: 'STRING',
            mode: 'REQUIRED',
            pii: 'pseudonymize',
          },
          { name: 'playlist_uri', type: 'STRING', mode: 'REQUIRED' },
        ],
      },
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/playback' }],
  } as EventTypeEntity;
}
