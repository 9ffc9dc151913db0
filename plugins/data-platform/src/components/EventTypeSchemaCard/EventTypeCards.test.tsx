import { screen, within } from '@testing-library/react';
import { EventTypeSchemaCard } from './EventTypeSchemaCard';
import { EventTypeDeliveryCard } from '../EventTypeDeliveryCard';
import { EventTypeProducersCard } from '../EventTypeProducersCard';
import { EventTypeEndpointsCard } from '../EventTypeEndpointsCard';
import { renderCard } from '../../__testUtils__/renderCard';
import { findYamlHint } from '../../__testUtils__/yamlHint';
import { trackPlayed } from '../../__testUtils__/fixtures';
import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';

function withSpec(spec: Partial<EventTypeEntity['spec']>): EventTypeEntity {
  return { ...trackPlayed, spec: { ...trackPlayed.spec, ...spec } };
}

describe('EventType cards', () => {
  it('schema card shows fields, revision and compatibility mode', async () => {
    await renderCard(<EventTypeSchemaCard />, trackPlayed);

    expect(screen.getByText('Revision 3')).toBeInTheDocument();
    expect(screen.getByText('BACKWARD compatibility')).toBeInTheDocument();
    expect(screen.getByText('user_id')).toBeInTheDocument();
    expect(screen.getByText('os')).toBeInTheDocument();
    expect(
      screen.getByText(
        /^12 fields in all \(\d+ top-level\) · 3 with personal data · 1 repeated$/,
      ),
    ).toBeInTheDocument();
  });

  it('schema card defaults the compatibility mode to BACKWARD', async () => {
    await renderCard(
      <EventTypeSchemaCard />,
      withSpec({
        schema: { revision: 1, fields: [{ name: 'a', type: 'STRING' }] },
      }),
    );
    expect(screen.getByText('BACKWARD compatibility')).toBeInTheDocument();
  });

  it('schema card explains how to declare fields when there are none', async () => {
    await renderCard(
      <EventTypeSchemaCard />,
      withSpec({ schema: undefined as any }),
    );
    expect(screen.getByText('No schema fields declared')).toBeInTheDocument();
    expect(await findYamlHint('pii: pseudonymize')).toBeInTheDocument();
  });

  it('delivery card shows partition granularity and retention', async () => {
    await renderCard(<EventTypeDeliveryCard />, trackPlayed);
    expect(screen.getByText('Hourly (HOUR)')).toBeInTheDocument();
    expect(screen.getByText('90 days')).toBeInTheDocument();
  });

  it('delivery card explains how to declare delivery settings', async () => {
    await renderCard(
      <EventTypeDeliveryCard />,
      withSpec({ delivery: undefined as any }),
    );
    expect(
      screen.getByText('No delivery settings declared'),
    ).toBeInTheDocument();
    expect(await findYamlHint('retentionDays: 90')).toBeInTheDocument();
  });

  it('producers card links the declared producers with their component types', async () => {
    await renderCard(<EventTypeProducersCard />, trackPlayed);

    const service = await screen.findByRole('link', {
      name: /playback-service/,
    });
    expect(service).toHaveAttribute(
      'href',
      '/catalog/default/component/playback-service',
    );
    const row = service.closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('service')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /web-player/ }),
    ).toBeInTheDocument();
  });

  it('producers card explains how to declare producers', async () => {
    // Not awaited: the lookup of no producers settles right away, and must do
    // so inside findByText.
    renderCard(<EventTypeProducersCard />, withSpec({ producers: [] }));
    expect(
      await screen.findByText('No producers declared'),
    ).toBeInTheDocument();
    expect(
      await findYamlHint('component:default/playback-service'),
    ).toBeInTheDocument();
  });

  it('stored-in card links the endpoints of the eventTypeOf relation with type and address', async () => {
    await renderCard(<EventTypeEndpointsCard />, trackPlayed);

    const table = await screen.findByRole('link', {
      name: /track-played-hourly/,
    });
    const row = table.closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('BigQuery table')).toBeInTheDocument();
    expect(
      within(row).getByText('sp-listening-prod.listening.track_played_hourly'),
    ).toBeInTheDocument();
    const topicRow = screen
      .getByRole('link', { name: /track-played-topic/ })
      .closest('[role="row"]') as HTMLElement;
    expect(within(topicRow).getByText('Pub/Sub topic')).toBeInTheDocument();
  });

  it('stored-in card reports a catalog failure', async () => {
    await renderCard(<EventTypeEndpointsCard />, trackPlayed, {
      catalogApi: {
        getEntitiesByRefs: jest
          .fn()
          .mockRejectedValue(new Error('catalog is down')),
      },
    });
    expect(
      await screen.findByText(/Could not load the linked entities/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog is down/).length).toBeGreaterThan(0);
  });
});
