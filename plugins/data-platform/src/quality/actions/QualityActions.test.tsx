import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeQualityBackend } from '../__testUtils__/FakeQualityBackend';
import {
  endpointQuality,
  endpointRef,
  NEWEST,
  playsHourly,
  THIRD,
} from '../__testUtils__/qualityFixtures';
import { renderQuality } from '../__testUtils__/renderQuality';
import { partitionInWords } from '../checks/partitionWords';
import { QualityContent } from '../QualityContent';

const backend = new FakeQualityBackend();
backend.listen();

const hour = (p: string) => partitionInWords(p, 'HOUR');
const PATH = '/api/data-platform/quality/endpoints/default/track-played-hourly';

async function renderTab() {
  renderQuality(<QualityContent refreshIntervalMs={0} />, {
    entity: playsHourly,
  });
  await screen.findByRole('table', { name: 'Checks by partition' });
}

describe('Quality tab actions', () => {
  it('runs the checks of the newest partition and says they are queued', async () => {
    const user = userEvent.setup();
    backend.endpoints.set(endpointRef, endpointQuality());
    await renderTab();
    await user.click(screen.getByRole('button', { name: 'Run checks now' }));

    expect(
      await screen.findByText(
        `Queued the checks of partition ${hour(NEWEST)}.`,
      ),
    ).toBeInTheDocument();
    expect(backend.posts()).toEqual([
      { method: 'POST', path: `${PATH}/run`, body: { partition: NEWEST } },
    ]);
    expect(
      await screen.findByText('Queued: 1 partition waiting to be checked.'),
    ).toBeInTheDocument();
  });

  it('shows the volume band and marks a partition outside it as normal', async () => {
    const user = userEvent.setup();
    backend.endpoints.set(endpointRef, endpointQuality());
    await renderTab();
    expect(
      screen.getByText(
        `Latest partition ${hour(
          NEWEST,
        )}: 400 rows, outside the expected 829–1,181 (median 1,005), learned from 4 earlier partitions at the same hour of the week.`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('volume-band')).toBeInTheDocument();
    expect(
      screen.getByText(
        `${hour(THIRD)}: 120 rows, outside the expected volume.`,
      ),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: `Mark as normal: ${hour(NEWEST)}` }),
    );
    expect(
      await screen.findByText(`Marked 400 rows in ${hour(NEWEST)} as normal.`),
    ).toBeInTheDocument();
    expect(backend.posts()).toEqual([
      {
        method: 'POST',
        path: `${PATH}/mark-normal`,
        body: { partition: NEWEST },
      },
    ]);
    // reloaded: the band now holds it, and it is no longer offered
    expect(
      await screen.findByText(
        /400 rows, inside the expected 400–1,181 \(median 1,005\), learned from 4 earlier partitions at the same hour of the week, widened to hold 1 marked as normal\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: `Mark as normal: ${hour(NEWEST)}` }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: `Mark as normal: ${hour(THIRD)}` }),
    ).toBeInTheDocument();
  });

  it('offers neither action to those who may not run checks', async () => {
    backend.endpoints.set(endpointRef, { ...endpointQuality(), canRun: false });
    await renderTab();
    expect(
      screen.queryByRole('button', { name: 'Run checks now' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Mark as normal/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/owners and holders of the dataplatform.quality.run/),
    ).toBeInTheDocument();
  });

  it('says who may act when the backend refuses (403)', async () => {
    const user = userEvent.setup();
    backend.endpoints.set(endpointRef, endpointQuality());
    backend.mayAct = false;
    await renderTab();
    await user.click(screen.getByRole('button', { name: 'Run checks now' }));
    const status = await screen.findByRole('status');
    expect(
      within(status).getByText(
        'You are not allowed to run the checks of track-played-hourly.',
      ),
    ).toBeInTheDocument();
    expect(
      within(status).getByText(
        /Only its owners \(playback\) or holders of the dataplatform.quality.run permission can/,
      ),
    ).toBeInTheDocument();
    await user.click(within(status).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(status).not.toBeInTheDocument());
  });
});
