import { generateAnonymizationTransform } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  AVRO_V1,
  EVENTS_PROJECT,
  KEY,
  PROJECT,
  trackPlayedEventFields,
} from './platform';

const P = `projects/${EVENTS_PROJECT}`;

/** topics.list as Pub/Sub answers it with `enum-encoding=int`. */
export const topicsAnswer = () => ({
  topics: [
    {
      name: `${P}/topics/track-played`,
      labels: {
        'managed-by': 'backstage-data-platform',
        entity: 'track-played-topic',
        owner: 'playback',
        system: 'playback',
      },
      messageRetentionDuration: '604800s',
      schemaSettings: {
        schema: `${P}/schemas/track-played`,
        encoding: 1,
        firstRevisionId: 'a1b2c3d4',
      },
      state: 1,
    },
    { name: `${P}/topics/unmanaged` },
  ],
});

/** subscriptions.list: the royalties pull subscription and the delivery. */
export const subscriptionsAnswer = (code?: string) => ({
  subscriptions: [
    {
      name: `${P}/subscriptions/track-played.royalties`,
      topic: `${P}/topics/track-played`,
      labels: { 'managed-by': 'backstage-data-platform', entity: 'royalties' },
      ackDeadlineSeconds: 10,
      messageRetentionDuration: '604800s',
      expirationPolicy: { ttl: '2678400s' },
      state: 1,
    },
    {
      name: `${P}/subscriptions/track-played.delivery.track_played`,
      topic: `${P}/topics/track-played`,
      labels: {
        'managed-by': 'backstage-data-platform',
        entity: 'track-played',
      },
      ackDeadlineSeconds: 10,
      bigqueryConfig: {
        table: `${PROJECT}.events.track_played`,
        useTableSchema: true,
        dropUnknownFields: true,
        state: 4,
      },
      messageTransforms: [
        {
          javascriptUdf: {
            functionName: 'anonymizeEvent',
            code:
              code ??
              generateAnonymizationTransform(trackPlayedEventFields, {
                key: KEY,
              }).code,
          },
        },
      ],
      state: 1,
    },
  ],
});

/** A schema (revision) as the schema service answers it. */
export const schemaRevision = (
  revisionId: string,
  definition: string,
  created: string,
) => ({
  name: `${P}/schemas/track-played`,
  type: 2,
  definition,
  revisionId,
  revisionCreateTime: created,
});

export const schemasAnswer = (definition = AVRO_V1) => ({
  schemas: [schemaRevision('a1b2c3d4', definition, '2026-11-02T10:00:00Z')],
});
