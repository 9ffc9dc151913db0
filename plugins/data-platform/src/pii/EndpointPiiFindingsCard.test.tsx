import { screen, within } from '@testing-library/react';
import { EndpointPiiFindingsCard } from './EndpointPiiFindingsCard';
import { FakePersonalDataApi } from './__testUtils__/FakePersonalDataApi';
import {
  LISTENER_STATS,
  listenerStats,
  listenerStatsPii,
} from './__testUtils__/piiFixtures';
import { renderWithPii } from './__testUtils__/renderPii';

function findingNamed(column: string): HTMLElement {
  const list = screen.getByRole('list', { name: 'Personal data findings' });
  return within(list)
    .getAllByRole('listitem')
    .find(item =>
      within(item).queryByRole('heading', { name: new RegExp(column) }),
    )!;
}

describe('EndpointPiiFindingsCard', () => {
  it('lists each finding with what it receives, its path as links, since when and what to do', async () => {
    const api = new FakePersonalDataApi();
    api.endpoints.set(LISTENER_STATS, listenerStatsPii);
    await renderWithPii(<EndpointPiiFindingsCard />, listenerStats, api);

    expect(await screen.findByText('2 findings')).toBeInTheDocument();
    const listener = findingNamed('listener_id');
    expect(
      within(listener).getByRole('heading', {
        name: 'listener_id: declared pii: none, receives pseudonymize, derived',
      }),
    ).toBeInTheDocument();
    expect(
      within(listener).getByText(/carries pseudonymize data from/),
    ).toBeInTheDocument();

    const path = within(listener).getByRole('list', {
      name: 'Path of listener_id',
    });
    expect(
      within(path).getByRole('link', { name: 'track-played-hourly' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/track-played-hourly',
    );
    expect(
      within(path).getByRole('link', {
        name: 'user_id: its column lineage in track-played-hourly',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/track-played-hourly/lineage?view=columns&column=user_id',
    );
    expect(
      within(path).getByText(/by daily-listening-stats/),
    ).toBeInTheDocument();
    expect(within(listener).getByText(/ago$/)).toHaveAttribute(
      'dateTime',
      '2026-12-06T09:15:00.000Z',
    );
    expect(
      within(listener).getByText(
        /Change listener_id from pii: none to pii: pseudonymize in the schema, or mask it in the job that writes it \(daily-listening-stats\)\./,
      ),
    ).toBeInTheDocument();
  });

  it('names an OpenLineage dataset without a link and a hop the reader may not see without its name', async () => {
    const api = new FakePersonalDataApi();
    api.endpoints.set(LISTENER_STATS, listenerStatsPii);
    await renderWithPii(<EndpointPiiFindingsCard />, listenerStats, api);

    await screen.findByText('2 findings');
    const email = findingNamed('email_domain');
    const path = within(email).getByRole('list', {
      name: 'Path of email_domain',
    });
    expect(
      within(path).getByText('sp-accounts.accounts.profiles'),
    ).not.toHaveAttribute('href');
    expect(
      within(path).queryByRole('link', { name: /profiles/ }),
    ).not.toBeInTheDocument();
    expect(
      within(path).getByText('(a dataset you may not read)'),
    ).toBeInTheDocument();
    expect(
      within(email).getByText(/Declare email_domain with pii: encrypt/),
    ).toBeInTheDocument();
  });

  it('says what was checked when there are no findings', async () => {
    const api = new FakePersonalDataApi();
    api.endpoints.set(LISTENER_STATS, {
      ...listenerStatsPii,
      findings: [],
    });
    await renderWithPii(<EndpointPiiFindingsCard />, listenerStats, api);
    expect(
      await screen.findByText(
        /No findings\. 3 columns receive personal data along lineage, and the schema marks every one\. Checked against the schema's PII marks on Mon 7 Dec 12:00 UTC\./,
      ),
    ).toBeInTheDocument();
  });

  it('says no personal data reaches it when the computed answer has none', async () => {
    const api = new FakePersonalDataApi();
    api.endpoints.set(LISTENER_STATS, {
      ref: LISTENER_STATS,
      columns: [{ column: 'country', declared: 'pseudonymize', derived: [] }],
      findings: [],
      computedAt: '2026-12-07T12:00:00.000Z',
    });
    await renderWithPii(<EndpointPiiFindingsCard />, listenerStats, api);
    expect(
      await screen.findByText(
        /No personal data reaches this endpoint along its recorded lineage/,
      ),
    ).toBeInTheDocument();
  });

  it.each([
    ['an answer without computedAt', true],
    ['a 404 for an endpoint the API has not seen', false],
  ])('says "not computed yet" for %s, and nothing more', async (_, known) => {
    const api = new FakePersonalDataApi();
    if (known) {
      api.endpoints.set(LISTENER_STATS, {
        ref: LISTENER_STATS,
        columns: [],
        findings: [],
      });
    }
    await renderWithPii(<EndpointPiiFindingsCard />, listenerStats, api);
    expect(await screen.findByText(/^Not computed yet/)).toBeInTheDocument();
    expect(screen.queryByText(/No findings/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Checked/)).not.toBeInTheDocument();
  });

  it('shows the error when the API fails', async () => {
    const api = new FakePersonalDataApi();
    api.failWith = 500;
    await renderWithPii(<EndpointPiiFindingsCard />, listenerStats, api);
    expect(
      await screen.findByText(/Could not load the personal data findings/),
    ).toBeInTheDocument();
  });
});
