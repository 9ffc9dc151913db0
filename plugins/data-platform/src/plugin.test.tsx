import { screen, waitFor } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { dataPlatformPlugin } from './plugin';
import { entityCards } from './entityCards';
import {
  catalogEntities,
  dailyListeningStats,
  plainComponent,
  trackPlayed,
  trackPlayedHourly,
} from './__testUtils__/fixtures';

const CARD_TITLES = {
  EventType: ['Schema', 'Stored in', 'Delivery', 'Producers'],
  DataEndpoint: [
    'Schema',
    'Pipelines',
    'Quality checks',
    'Location',
    'Partitioning & retention',
    'Access',
  ],
  Pipeline: ['Inputs & outputs', 'Schedule & SLA'],
};
const ALL_TITLES = [...new Set(Object.values(CARD_TITLES).flat())];

async function renderEntityPage(entity: Entity) {
  renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...entityCards],
    apis: [[catalogApiRef, catalogApiMock({ entities: catalogEntities })]],
  });
}

function cardTitles(): string[] {
  return screen
    .queryAllByRole('heading', { level: 3 })
    .map(h => h.textContent ?? '');
}

describe('data-platform plugin', () => {
  it('has the plugin id the package declares', () => {
    expect(dataPlatformPlugin.pluginId).toBe('data-platform');
  });

  it.each([
    ['EventType', trackPlayed],
    ['DataEndpoint', trackPlayedHourly],
    ['Pipeline', dailyListeningStats],
  ] as const)('puts only the %s cards on its page', async (kind, entity) => {
    await renderEntityPage(entity);
    // cards load lazily, one by one
    await waitFor(() => expect(cardTitles()).toEqual(CARD_TITLES[kind]), {
      timeout: 15000,
    });
  });

  it('puts none of its cards on a stock Component page', async () => {
    await renderEntityPage(plainComponent);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    for (const title of ALL_TITLES) {
      expect(
        screen.queryByRole('heading', { name: title }),
      ).not.toBeInTheDocument();
    }
  });

  it('filters by apiVersion too, not just by kind name', async () => {
    await renderEntityPage({ ...trackPlayed, apiVersion: 'example.com/v1' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('puts facts in the narrow info column and tables in the main one', () => {
    const expected = {
      'entity-card:data-platform/event-type-schema': 'content',
      'entity-card:data-platform/event-type-endpoints': 'content',
      'entity-card:data-platform/event-type-delivery': 'info',
      'entity-card:data-platform/event-type-producers': 'info',
      'entity-card:data-platform/data-endpoint-schema': 'content',
      'entity-card:data-platform/data-endpoint-pipelines': 'content',
      'entity-card:data-platform/data-endpoint-quality': 'content',
      'entity-card:data-platform/data-endpoint-location': 'info',
      'entity-card:data-platform/data-endpoint-partitioning': 'info',
      'entity-card:data-platform/data-endpoint-access': 'info',
      'entity-card:data-platform/pipeline-data-flow': 'content',
      'entity-card:data-platform/pipeline-schedule': 'info',
    } as const;
    for (const [id, type] of Object.entries(expected)) {
      const card = dataPlatformPlugin.getExtension(id as any);
      expect([
        id,
        createExtensionTester(card as any).get(
          EntityCardBlueprint.dataRefs.type,
        ),
      ]).toEqual([id, type]);
    }
  });
});
