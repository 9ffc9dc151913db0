import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeLineageBackend } from '../__testUtils__/lineageBackend';
import { EXPORT_JOB } from '../__testUtils__/lineageWorld';
import { nodeButton, renderLineage } from '../__testUtils__/renderLineage';
import { LineageExplorer } from './LineageExplorer';

// The shared CI machine is busy: give the first render of a suite time.
configure({ asyncUtilTimeout: 10000 });

const backend = FakeLineageBackend.forSuite();

/** The explorer opened without a node: what the catalog lacks. */
describe('LineageExplorer on the catalog gaps', () => {
  it('starts without a node on what the catalog lacks, and explores from there', async () => {
    backend.jobRuns.set(EXPORT_JOB, {
      runId: '0193a3c6-6b1e-7b6c-9d6a-000000000001',
      state: 'FAIL',
      at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      failureReason: 'Quota exceeded',
    });
    await renderLineage(<LineageExplorer />);
    expect(
      screen.getByRole('textbox', { name: 'Search lineage' }),
    ).toBeInTheDocument();
    const gaps = await screen.findByRole('region', {
      name: 'Not in the catalog',
    });
    expect(backend.requestsTo('/graph')).toHaveLength(0);
    expect(
      within(gaps).getByText(
        /^1 data endpoint, 1 dataset and 1 job in the lineage index have no catalog entity/,
      ),
    ).toBeInTheDocument();
    const rows = () =>
      within(gaps)
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .map(cell => cell.textContent),
        );
    // The job has two edges, the rest one each; then by title.
    expect(rows()).toEqual([
      [
        'export-playsairflow / export-plays',
        'Job',
        'Seen only in OpenLineage events',
        '1 upstream · 1 downstream',
        '1 d 2 h ago',
        'Failed 3 h ago',
      ],
      [
        'analytics.plays_exportbigquery / analytics.plays_export',
        'Dataset',
        'Seen only in OpenLineage events',
        '1 upstream · 0 downstream',
        '1 d 2 h ago',
        '—',
      ],
      [
        'brand-new-sinkdataendpoint:default/brand-new-sink',
        'Data endpoint',
        'Named in catalog YAML, no such entity',
        '1 upstream · 0 downstream',
        'never observed',
        '—',
      ],
    ]);

    await userEvent.click(within(gaps).getByRole('button', { name: 'Job 1' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(
      backend.requestsTo('/catalog-gaps').at(-1)!.searchParams.get('kind'),
    ).toBe('Job');

    await userEvent.click(
      within(gaps).getByRole('button', { name: 'export-plays' }),
    );
    await waitFor(() =>
      expect(nodeButton(EXPORT_JOB)).toHaveAccessibleName(
        'Job export-plays (not in catalog) (root)',
      ),
    );
  });

  it('lists the gaps a page at a time', async () => {
    for (let i = 10; i < 37; i++) {
      const id = `openlineage:dataset:gs/scratch/${i}`;
      backend.world.nodes.push({
        id,
        kind: 'Dataset',
        title: `scratch-${i}`,
        registered: false,
      });
    }
    await renderLineage(<LineageExplorer />);
    const gaps = await screen.findByRole('region', {
      name: 'Not in the catalog',
    });
    expect(within(gaps).getAllByRole('row')).toHaveLength(21);
    expect(within(gaps).getByText('20 of 30 shown')).toBeInTheDocument();
    await userEvent.click(
      within(gaps).getByRole('button', { name: 'Show 10 more' }),
    );
    await waitFor(() =>
      expect(within(gaps).getAllByRole('row')).toHaveLength(31),
    );
    expect(
      within(gaps).queryByRole('button', { name: /more$/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when every node has a catalog entity', async () => {
    backend.world.nodes = backend.world.nodes.filter(n => n.registered);
    await renderLineage(<LineageExplorer />);
    expect(
      await screen.findByText(
        'Every node in the lineage index has a catalog entity.',
      ),
    ).toBeInTheDocument();
  });
});
