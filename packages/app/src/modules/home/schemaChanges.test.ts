import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { recentSchemaChanges } from './schemaChanges';

const field = (name: string, type = 'STRING') => ({
  name,
  type,
  mode: 'NULLABLE',
});

function eventType(
  name: string,
  schema: object,
  annotations: Record<string, string> = {},
): EventTypeEntity {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'EventType',
    metadata: { name, annotations },
    spec: {
      owner: 'group:default/playback',
      lifecycle: 'production',
      schema,
      delivery: { partitioning: 'HOUR', retentionDays: 30 },
    },
  } as EventTypeEntity;
}

const trackPlayed = eventType('track-played', {
  revision: 3,
  fields: [field('track_id'), field('ms_played', 'INT64'), field('source')],
  history: [
    {
      revision: 1,
      createdAt: '2024-02-05T09:12:00Z',
      fields: [field('track_id')],
    },
    {
      revision: 2,
      createdAt: '2024-08-19T13:40:00Z',
      comment: 'Add the play length',
      fields: [field('track_id'), field('ms_played', 'INT64')],
    },
  ],
});

describe('recentSchemaChanges', () => {
  it('lists dated revisions after the first, newest first, with what changed', () => {
    const adClicked = eventType(
      'ad-clicked',
      {
        revision: 2,
        fields: [field('ad_id', 'INT64')],
        history: [
          {
            revision: 1,
            createdAt: '2023-11-02T12:00:00Z',
            fields: [field('ad_id')],
          },
        ],
      },
      {
        'dataplatform.io/schema-revised-at': '2025-01-10T08:00:00Z',
        'dataplatform.io/schema-revision-comment': 'Ids are numbers',
      },
    );
    const changes = recentSchemaChanges([trackPlayed, adClicked], 5);
    expect(
      changes.map(c => [
        c.eventType.metadata.name,
        c.revision,
        c.changes,
        c.comment,
      ]),
    ).toEqual([
      ['ad-clicked', 2, '1 type changed', 'Ids are numbers'],
      ['track-played', 2, '1 added', 'Add the play length'],
    ]);
  });

  it('leaves out revisions it cannot place in time and keeps to the limit', () => {
    // track-played's revision 3 has no date: neither annotation nor history entry.
    expect(recentSchemaChanges([trackPlayed], 5).map(c => c.revision)).toEqual([
      2,
    ]);
    const many = Array.from({ length: 8 }, (_, i) =>
      eventType(`e${i}`, {
        revision: 2,
        fields: [field('a'), field('b')],
        history: [
          { revision: 1, fields: [field('a')] },
          {
            revision: 2,
            createdAt: `2025-0${i + 1}-01T00:00:00Z`,
            fields: [field('a'), field('b')],
          },
        ],
      }),
    );
    expect(
      recentSchemaChanges(many, 3).map(c => c.eventType.metadata.name),
    ).toEqual(['e7', 'e6', 'e5']);
  });
});
