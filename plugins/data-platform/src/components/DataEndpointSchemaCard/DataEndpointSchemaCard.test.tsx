import { screen } from '@testing-library/react';
import { DataEndpointSchemaCard } from './DataEndpointSchemaCard';
import { renderCard } from '../../__testUtils__/renderCard';
import { findYamlHint } from '../../__testUtils__/yamlHint';
import { trackPlayed, trackPlayedHourly } from '../../__testUtils__/fixtures';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';

function withSchema(
  schema: DataEndpointEntity['spec']['schema'],
): DataEndpointEntity {
  return { ...trackPlayedHourly, spec: { ...trackPlayedHourly.spec, schema } };
}

describe('DataEndpointSchemaCard', () => {
  it('shows a progress bar while the referenced event type loads', async () => {
    await renderCard(<DataEndpointSchemaCard />, trackPlayedHourly, {
      catalogApi: {
        getEntityByRef: jest.fn(() => new Promise<never>(() => {})),
      },
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it("shows the referenced event type's fields, with a link to it", async () => {
    const getEntityByRef = jest.fn().mockResolvedValue(trackPlayed);
    await renderCard(<DataEndpointSchemaCard />, trackPlayedHourly, {
      catalogApi: { getEntityByRef },
    });

    expect(await screen.findByText('user_id')).toBeInTheDocument();
    expect(getEntityByRef).toHaveBeenCalledWith(
      'eventtype:default/track-played',
    );
    expect(screen.getByRole('link', { name: /track-played/ })).toHaveAttribute(
      'href',
      '/catalog/default/eventtype/track-played',
    );
    expect(screen.getByText('Revision 3')).toBeInTheDocument();
    expect(screen.getByText('pseudonymize')).toBeInTheDocument();
  });

  it('warns when the event type is not in the catalog', async () => {
    await renderCard(<DataEndpointSchemaCard />, trackPlayedHourly, {
      catalogApi: { getEntityByRef: jest.fn().mockResolvedValue(undefined) },
    });
    expect(
      await screen.findByText(/Event type not in the catalog/),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog fails', async () => {
    await renderCard(<DataEndpointSchemaCard />, trackPlayedHourly, {
      catalogApi: {
        getEntityByRef: jest
          .fn()
          .mockRejectedValue(new Error('503 Service Unavailable')),
      },
    });
    expect(
      await screen.findByText(
        /Could not load the event type eventtype:default\/track-played/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/503 Service Unavailable/).length,
    ).toBeGreaterThan(0);
  });

  it('shows inline fields without asking the catalog', async () => {
    const getEntityByRef = jest.fn();
    // Not awaited, and found rather than got: the card's event type lookup,
    // with no event type to look up, settles right away inside findByText.
    renderCard(
      <DataEndpointSchemaCard />,
      withSchema({
        fields: [
          { name: 'country', type: 'STRING', mode: 'REQUIRED' },
          {
            name: 'streams',
            type: 'INT64',
            description: 'Plays over 30 seconds',
          },
        ],
      }),
      { catalogApi: { getEntityByRef } },
    );
    expect(await screen.findByText('streams')).toBeInTheDocument();
    expect(screen.getByText('Plays over 30 seconds')).toBeInTheDocument();
    expect(getEntityByRef).not.toHaveBeenCalled();
  });

  it('explains how to declare a schema when there is none', async () => {
    // Not awaited: the lookup of no event type settles inside findByText.
    renderCard(<DataEndpointSchemaCard />, withSchema(undefined));
    expect(await screen.findByText('No schema declared')).toBeInTheDocument();
    expect(
      await findYamlHint('eventType: eventtype:default/track-played'),
    ).toBeInTheDocument();
  });
});
