import { screen, within } from '@testing-library/react';
import { FakeHealthBackend } from '../__testUtils__/healthBackend';
import {
  playsDailyByTrackEntity,
  playsDailyByTrackFreshness,
  refs,
  freezeDateAtFixtures,
} from '../__testUtils__/healthFixtures';
import { renderHealth } from '../__testUtils__/renderHealth';
import { EndpointFreshnessCard } from './EndpointFreshnessCard';

const backend = new FakeHealthBackend();
backend.listen();

const endpointRef = 'dataendpoint:default/plays-daily-by-track';
const render = () =>
  renderHealth(<EndpointFreshnessCard />, { entity: playsDailyByTrackEntity });

freezeDateAtFixtures();

describe('EndpointFreshnessCard', () => {
  it('shows the latest partition, when it landed, and each writer with its state', async () => {
    backend.endpoints.set(endpointRef, playsDailyByTrackFreshness);
    await render();

    const state = await screen.findByText('Late', {
      selector: '[data-tone] *, [data-tone]',
    });
    expect(state.closest('[data-tone]')).toHaveAttribute(
      'data-tone',
      'warning',
    );
    expect(backend.requests[0].url.pathname).toBe(
      '/api/data-platform/health/endpoints/default/plays-daily-by-track/freshness',
    );
    const latest = screen.getByText('Latest partition')
      .parentElement as HTMLElement;
    expect(latest).toHaveTextContent(/^Latest partition\w{3} \d+ \w{3}$/);
    const landed = screen.getByText('Landed').parentElement as HTMLElement;
    expect(landed).toHaveTextContent(/^Landed\d+ (h|d).* ago$/);

    const writer = screen.getByRole('link', { name: 'plays-daily-aggregate' });
    expect(writer).toHaveAttribute(
      'href',
      '/catalog/default/pipeline/plays-daily-aggregate/health',
    );
    const row = writer.closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Late')).toBeInTheDocument();
  });

  it('shows how long ago a streaming writer last produced output', async () => {
    backend.endpoints.set(endpointRef, {
      endpointRef,
      state: 'fresh',
      stalenessMs: 90_000,
      writers: [{ pipelineRef: refs.playsHourlyClean, state: 'running' }],
    });
    await render();

    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(screen.getByText('1 min ago')).toBeInTheDocument();
    expect(screen.getByText('none yet')).toBeInTheDocument();
    expect(screen.getByText('Running')).toBeInTheDocument();
  });

  it('explains an endpoint no pipeline writes', async () => {
    backend.endpoints.set(endpointRef, {
      endpointRef,
      state: 'unknown',
      writers: [],
    });
    await render();
    expect(await screen.findByText('Unknown')).toBeInTheDocument();
    expect(
      screen.getByText(/No pipeline writes this endpoint/),
    ).toBeInTheDocument();
  });

  it('says how many writers it left out, rather than that none writes it', async () => {
    backend.endpoints.set(endpointRef, {
      endpointRef,
      state: 'late',
      writers: [],
      hiddenWriters: 2,
    });
    await render();
    expect(
      await screen.findByText(
        '2 writing pipelines you may not see are left out.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/No pipeline writes this endpoint/),
    ).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    backend.delayMs = 60_000;
    await render();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('explains the empty state when the backend has no freshness yet (404)', async () => {
    await render();
    expect(await screen.findByText(/No freshness yet/)).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    backend.failWith = 502;
    await render();
    expect(
      await screen.findByText(/Could not load freshness/),
    ).toBeInTheDocument();
  });
});
