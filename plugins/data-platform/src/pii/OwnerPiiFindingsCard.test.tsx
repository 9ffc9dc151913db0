import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import {
  OwnerPiiFindingsCard,
  OWNER_FINDINGS_PAGE,
} from './OwnerPiiFindingsCard';
import { FakePersonalDataApi } from './__testUtils__/FakePersonalDataApi';
import {
  emailDomainFinding,
  listenerIdFinding,
} from './__testUtils__/piiFixtures';
import { renderWithPii } from './__testUtils__/renderPii';

const royalties: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'royalties', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('OwnerPiiFindingsCard', () => {
  it("lists the findings on the group's endpoints, each linked to its endpoint, with the hidden count", async () => {
    const api = new FakePersonalDataApi();
    api.findings = [
      listenerIdFinding,
      emailDomainFinding,
      { ...listenerIdFinding, owner: 'group:default/playback' },
    ];
    api.hidden.set('group:default/royalties', 3);
    await renderWithPii(<OwnerPiiFindingsCard />, royalties, api);

    expect(await screen.findByText('2 findings')).toBeInTheDocument();
    expect(api.findingQueries).toEqual([
      {
        owner: 'group:default/royalties',
        limit: OWNER_FINDINGS_PAGE,
        offset: 0,
      },
    ]);
    const items = Array.from(
      screen
        .getByRole('list', { name: 'Personal data findings' })
        .querySelectorAll(':scope > li'),
    ) as HTMLElement[];
    expect(items).toHaveLength(2);
    const heading = within(items[0]).getByRole('heading');
    expect(heading).toHaveTextContent(
      'listener_id in listener-stats: declared pii: none, receives pseudonymize, derived',
    );
    expect(
      within(heading).getByRole('link', { name: 'listener-stats' }),
    ).toHaveAttribute('href', '/catalog/default/dataendpoint/listener-stats');
    expect(
      screen.getByText(
        '3 more findings are on endpoints you may not read, and not shown.',
      ),
    ).toBeInTheDocument();
  });

  it('pages through the findings', async () => {
    const api = new FakePersonalDataApi();
    api.findings = Array.from({ length: 12 }, (_, i) => ({
      ...listenerIdFinding,
      column: `listener_${i}`,
    }));
    await renderWithPii(<OwnerPiiFindingsCard />, royalties, api);

    expect(await screen.findByText('1–10 of 12')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('11–12 of 12')).toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toEqual({
      owner: 'group:default/royalties',
      limit: OWNER_FINDINGS_PAGE,
      offset: 10,
    });
    expect(
      screen.getByRole('heading', { name: /listener_11/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('says there are none, and how many are hidden, when the group has no visible findings', async () => {
    const api = new FakePersonalDataApi();
    api.hidden.set('group:default/royalties', 1);
    await renderWithPii(<OwnerPiiFindingsCard />, royalties, api);
    expect(
      await screen.findByText(
        /No findings on the data endpoints this group owns\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 more finding is on endpoints you may not read, and not shown.',
      ),
    ).toBeInTheDocument();
  });
});
