import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SchemaChangeDecision } from '@dataplatform/backstage-plugin-data-platform-common';
import { notifyConsumerOwners } from './SchemaChangeNotifier';

const consumer = (title: string, owner?: string) => ({
  id: `pipeline:default/${title}`,
  title,
  ...(owner ? { owner } : {}),
  paths: ['context.device.os'],
  through: `track-played-raw#context.device.os -> ${title}-out#platform`,
});

const decision: SchemaChangeDecision = {
  id: 'd1',
  entityRef: 'eventtype:default/track-played',
  revision: 7,
  decidedBy: 'user:default/alice',
  decidedAt: '2026-12-07T10:00:00.000Z',
  reason: 'os becomes an enum; map it with the platforms table',
  changes: [
    {
      kind: 'type-changed',
      path: 'context.device.os',
      description: 'type STRING -> INT64',
    },
  ],
  consumers: [
    consumer('plays-hourly-clean', 'group:default/playback'),
    consumer('royalty-usage', 'group:default/royalties'),
    consumer('royalty-report', 'group:default/royalties'),
    // An unregistered job: no owner to tell.
    consumer('notebook'),
  ],
  notified: [],
};

describe('notifyConsumerOwners', () => {
  it('tells each owner once, about their own consumers only', async () => {
    const sent: Parameters<NotificationService['send']>[0][] = [];
    const notified = await notifyConsumerOwners(
      { send: async n => void sent.push(n) },
      decision,
    );
    expect(notified).toEqual([
      'group:default/playback',
      'group:default/royalties',
    ]);
    expect(
      sent.map(n => [n.recipients, n.payload.title, n.payload.scope]),
    ).toEqual([
      [
        { type: 'entity', entityRef: 'group:default/playback' },
        'track-played revision 7 breaks plays-hourly-clean',
        'schema-change:eventtype:default/track-played:7',
      ],
      [
        { type: 'entity', entityRef: 'group:default/royalties' },
        'track-played revision 7 breaks royalty-usage, royalty-report',
        'schema-change:eventtype:default/track-played:7',
      ],
    ]);
    expect(sent[1].payload.description).toBe(
      'user:default/alice decided to ship revision 7 of track-played: context.device.os (type STRING -> INT64). It breaks royalty-usage reads context.device.os (track-played-raw#context.device.os -> royalty-usage-out#platform); royalty-report reads context.device.os (track-played-raw#context.device.os -> royalty-report-out#platform). Their reason: os becomes an enum; map it with the platforms table',
    );
    expect(sent[1].payload.link).toBe(
      '/catalog/default/eventtype/track-played/schema',
    );
  });
});
