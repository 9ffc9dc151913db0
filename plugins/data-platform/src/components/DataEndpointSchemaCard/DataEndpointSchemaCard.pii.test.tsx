import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataEndpointSchemaCard } from './DataEndpointSchemaCard';
import { trackPlayedHourly } from '../../__testUtils__/fixtures';
import { FakePersonalDataApi } from '../../pii/__testUtils__/FakePersonalDataApi';
import {
  LISTENER_STATS,
  listenerStats,
  listenerStatsPii,
  playsExportPii,
} from '../../pii/__testUtils__/piiFixtures';
import { renderWithPii } from '../../pii/__testUtils__/renderPii';

function rowOf(text: string): HTMLElement {
  return screen
    .getByText(text, { exact: true })
    .closest('[role="row"]') as HTMLElement;
}

async function renderListenerStats() {
  const api = new FakePersonalDataApi();
  api.endpoints.set(LISTENER_STATS, listenerStatsPii);
  await renderWithPii(<DataEndpointSchemaCard />, listenerStats, api);
  await screen.findByText('email_domain');
  await screen.findAllByRole('img', { name: /derived/ });
}

describe('DataEndpointSchemaCard with personal data along lineage', () => {
  it('keeps the declared mark as it is and marks derived data apart, naming its source and path', async () => {
    await renderListenerStats();

    const country = rowOf('country');
    expect(within(country).getByText('pseudonymize')).toHaveAttribute(
      'data-pii',
      'pseudonymize',
    );
    expect(
      within(country).queryByRole('img', { name: /derived/ }),
    ).not.toBeInTheDocument();

    const email = rowOf('email_domain');
    const mark = within(email).getByRole('img', {
      name: 'PII encrypt, derived from email of sp-accounts.accounts.profiles (declared encrypt there), through email of sp-accounts.accounts.profiles → a dataset you may not read → email_domain of listener-stats',
    });
    expect(mark).toHaveTextContent('encrypt, derived');
    expect(mark).toHaveAttribute('data-pii-mark', 'derived');
    expect(within(email).queryByText('encrypt')).not.toBeInTheDocument();
  });

  it('opens the source and path on keyboard focus', async () => {
    const user = userEvent.setup();
    await renderListenerStats();
    const mark = within(rowOf('email_domain')).getByRole('img', {
      name: /derived/,
    });

    // keyboard focus opens a tooltip at once (hover waits for a delay)
    await user.keyboard('{Tab}');
    act(() => mark.focus());
    const tooltip = await screen.findByRole('tooltip');
    expect(
      within(tooltip).getByText(
        'Derived from email of sp-accounts.accounts.profiles, declared encrypt there; no masking on the way.',
      ),
    ).toBeInTheDocument();
    expect(
      within(tooltip).getByText(
        'Path: email of sp-accounts.accounts.profiles → a dataset you may not read → email_domain of listener-stats',
      ),
    ).toBeInTheDocument();
  });

  it('shows the conflict on a column the schema declares pii: none', async () => {
    await renderListenerStats();
    const listener = rowOf('listener_id');
    expect(
      within(listener).getByRole('img', {
        name: /^Declared pii: none, but receives pseudonymize from user_id of track-played-hourly/,
      }),
    ).toHaveTextContent('none, but receives pseudonymize');
  });

  it('lists the columns receiving personal data that the schema does not have', async () => {
    await renderListenerStats();
    expect(
      screen.getByText(
        'Not in this schema, but receiving personal data along lineage:',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('session_country')).toBeInTheDocument();
    expect(
      screen.getByText(/^Dashed marks: personal data derived/),
    ).toBeInTheDocument();
  });

  it('marks "may contain" more weakly, naming the upstream endpoint', async () => {
    const api = new FakePersonalDataApi();
    const ref = 'dataendpoint:default/track-played-hourly';
    api.endpoints.set(ref, playsExportPii(ref));
    await renderWithPii(
      <DataEndpointSchemaCard />,
      {
        ...trackPlayedHourly,
        spec: {
          ...trackPlayedHourly.spec,
          schema: {
            fields: [
              { name: 'track_id', type: 'STRING' },
              { name: 'listeners', type: 'INT64' },
            ],
          },
        },
      },
      api,
    );
    const marks = await screen.findAllByRole('img', {
      name: /^May contain PII \(pseudonymize\) from plays-raw: only dataset-level lineage/,
    });
    expect(marks).toHaveLength(2);
    expect(marks[0]).toHaveTextContent(/^may contain PII$/);
    expect(marks[0]).toHaveAttribute('data-pii-mark', 'mayContain');
    // the upstream endpoint is named once, under the table
    expect(
      screen.getByText(
        /Dotted: may contain personal data from plays-raw, where/,
      ),
    ).toBeInTheDocument();
  });

  it('says why derived marks are missing when the API fails, and still shows the schema', async () => {
    const api = new FakePersonalDataApi();
    api.failWith = 503;
    await renderWithPii(<DataEndpointSchemaCard />, listenerStats, api);
    expect(
      await screen.findByText(
        /Personal data derived along lineage is not shown: it could not be loaded/,
      ),
    ).toBeInTheDocument();
    expect(rowOf('country')).toBeInTheDocument();
  });
});
