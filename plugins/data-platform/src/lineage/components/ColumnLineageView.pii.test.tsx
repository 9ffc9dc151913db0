import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EndpointPii } from '@dataplatform/backstage-plugin-data-platform-common';
import { personalDataApiRef } from '../../api/personalDataApi';
import { FakePersonalDataApi } from '../../pii/__testUtils__/FakePersonalDataApi';
import { FakeLineageBackend } from '../__testUtils__/lineageBackend';
import {
  PLAYS_HOURLY,
  PLAYS_JOB,
  PLAYS_RAW,
  TOP_TRACKS,
} from '../__testUtils__/lineageWorld';
import { renderLineage } from '../__testUtils__/renderLineage';
import { ColumnLineageView } from './ColumnLineageView';

configure({ asyncUtilTimeout: 10000 });

FakeLineageBackend.forSuite();

// top-tracks' listeners counts plays-hourly's session_id, copied from
// plays-raw's session_id, which plays-raw declares pseudonymize.
const topTracksPii: EndpointPii = {
  ref: TOP_TRACKS,
  columns: [
    {
      column: 'listeners',
      declared: 'none',
      derived: [
        {
          certainty: 'derived',
          classification: 'pseudonymize',
          path: [
            { node: PLAYS_RAW, title: 'plays-raw', column: 'session_id' },
            {
              node: PLAYS_HOURLY,
              title: 'plays-hourly',
              column: 'session_id',
              via: PLAYS_JOB,
            },
            {
              node: TOP_TRACKS,
              title: 'Top tracks, daily',
              column: 'listeners',
            },
          ],
        },
      ],
    },
  ],
  findings: [],
  computedAt: '2026-12-07T12:00:00.000Z',
};

async function renderTopTracks() {
  const api = new FakePersonalDataApi();
  api.endpoints.set(TOP_TRACKS, topTracksPii);
  await renderLineage(
    <ColumnLineageView node={TOP_TRACKS} columns={['track_id', 'listeners']} />,
    { apis: [[personalDataApiRef, api]] },
  );
}

describe('ColumnLineageView with personal data along lineage', () => {
  it('says in the picker which columns receive personal data', async () => {
    await renderTopTracks();
    await userEvent.click(
      await screen.findByRole('button', { name: /Column/ }),
    );
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'track_idno lineage recorded',
      'listenersno lineage recorded · PII derived',
    ]);
  });

  it("shows the picked column's derived data, its conflict with pii: none, and the path as links", async () => {
    await renderTopTracks();
    await userEvent.click(
      await screen.findByRole('button', { name: /Column/ }),
    );
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: /listeners/,
      }),
    );
    const section = await screen.findByRole('region', {
      name: 'Personal data in listeners',
    });
    expect(
      within(section).getByRole('img', {
        name: /^Declared pii: none, but receives pseudonymize from session_id of plays-raw/,
      }),
    ).toBeInTheDocument();
    const path = within(section).getByRole('list', {
      name: 'Path of pseudonymize data',
    });
    expect(
      within(path).getByRole('link', { name: 'plays-raw' }),
    ).toHaveAttribute('href', '/catalog/default/dataendpoint/plays-raw');
    expect(
      within(path).getByRole('link', {
        name: 'session_id: its column lineage in plays-hourly',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/plays-hourly/lineage?view=columns&column=session_id',
    );
  });

  it('shows no personal data section for a column without any', async () => {
    await renderTopTracks();
    await screen.findByRole('button', { name: 'Column track_id' });
    expect(
      screen.queryByRole('region', { name: /Personal data in/ }),
    ).not.toBeInTheDocument();
  });
});
