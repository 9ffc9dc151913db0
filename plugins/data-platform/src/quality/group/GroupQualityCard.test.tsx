import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GroupEntity } from '@backstage/catalog-model';
import { FakeQualityBackend } from '../__testUtils__/FakeQualityBackend';
import { playbackScores } from '../__testUtils__/qualityFixtures';
import { renderQuality } from '../__testUtils__/renderQuality';
import { GroupQualityCard, GROUP_CARD_ROWS } from './GroupQualityCard';

const backend = new FakeQualityBackend();
backend.listen();

const playback: GroupEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'playback', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('GroupQualityCard', () => {
  it("lists the group's endpoints worst first, each linked to its Quality tab", async () => {
    backend.scores = playbackScores;
    renderQuality(<GroupQualityCard />, { entity: playback });

    const first = await screen.findByRole('link', { name: 'Skips, hourly' });
    expect(first).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/skips-hourly/quality',
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map(r => [
        within(r).getByRole('link').textContent,
        within(r).getAllByRole('gridcell')[0].textContent,
      ]),
    ).toEqual([
      ['Skips, hourly', '58'],
      ['Track played, hourly', '81'],
      ['Plays, daily', '97'],
    ]);
    expect(within(rows[0]).getByText('Timeliness')).toBeInTheDocument();
    expect(backend.requests.map(r => r.path)).toEqual([
      '/api/data-platform/quality/owners/group/default/playback',
    ]);
  });

  it(`shows the worst ${GROUP_CARD_ROWS} first, and all on demand`, async () => {
    const user = userEvent.setup();
    backend.scores = Array.from({ length: 12 }, (_, i) => ({
      entityRef: `dataendpoint:default/table-${i}`,
      title: `Table ${String(i).padStart(2, '0')}`,
      score: 50 + i,
      day: '2026-03-01',
    }));
    renderQuality(<GroupQualityCard />, { entity: playback });
    expect(await screen.findByRole('link', { name: 'Table 00' })).toBeVisible();
    expect(screen.getAllByRole('link')).toHaveLength(GROUP_CARD_ROWS);
    await user.click(screen.getByRole('button', { name: 'Show all 12' }));
    expect(screen.getAllByRole('link')).toHaveLength(12);
  });

  it('says when no endpoint of the group has a score', async () => {
    renderQuality(<GroupQualityCard />, { entity: playback });
    expect(
      await screen.findByText(
        'No data endpoint this group owns has a quality score yet.',
      ),
    ).toBeInTheDocument();
  });
});
