import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render a new event type with its landing Pub/Sub topic and hourly raw BigQuery table',
    example: stringify({
      steps: [
        {
          id: 'render',
          action: 'dataplatform:eventType:render',
          name: 'Render the catalog YAML',
          input: {
            name: 'playlist-followed',
            title: 'Playlist Followed',
            description: 'A listener followed a playlist.',
            owner: 'group:default/playback',
            system: 'playback',
            producers: ['component:default/ios-app'],
            partitioning: 'HOUR',
            retentionDays: 90,
            piiReviewedBy: 'user:default/guest',
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
            targetPath: 'catalog/playlist-followed.yaml',
          },
        },
      ],
    }),
  },
  {
    description:
      'Render the next revision of an existing event type: the revision increments and the current fields move into the history',
    example: stringify({
      steps: [
        {
          id: 'render',
          action: 'dataplatform:eventType:render',
          name: 'Render the new revision',
          input: {
            name: 'playlist-followed',
            evolve: true,
            comment: 'Add where the follow button was',
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
              { name: 'source', type: 'STRING' },
            ],
          },
        },
      ],
    }),
  },
];
