import { screen, within } from '@testing-library/react';
import { PipelineScheduleCard } from './PipelineScheduleCard';
import { PipelineDataFlowCard } from '../PipelineDataFlowCard';
import { renderCard } from '../../__testUtils__/renderCard';
import { findYamlHint } from '../../__testUtils__/yamlHint';
import {
  dailyListeningStats,
  trackPlayedIngest,
} from '../../__testUtils__/fixtures';

describe('Pipeline cards', () => {
  it('schedule card states engine, schedule and SLA in words', async () => {
    await renderCard(<PipelineScheduleCard />, dailyListeningStats);
    expect(screen.getByText('BigQuery')).toBeInTheDocument();
    expect(
      screen.getByText('cron 0 3 * * * (Europe/Stockholm)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 hours after the partition period ends'),
    ).toBeInTheDocument();
  });

  it('schedule card explains how to declare an SLA when there is none', async () => {
    await renderCard(<PipelineScheduleCard />, trackPlayedIngest);
    expect(screen.getByText('streaming')).toBeInTheDocument();
    expect(screen.getByText('No SLA declared')).toBeInTheDocument();
    expect(await findYamlHint('deadline: PT2H')).toBeInTheDocument();
  });

  it('data flow card links inputs and outputs with their endpoint types', async () => {
    await renderCard(<PipelineDataFlowCard />, dailyListeningStats);

    const input = await screen.findByRole('link', {
      name: /track-played-hourly/,
    });
    expect(input).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/track-played-hourly',
    );
    expect(
      within(input.closest('[role="row"]') as HTMLElement).getByText(
        'BigQuery table',
      ),
    ).toBeInTheDocument();

    const output = screen.getByRole('link', { name: /daily-streams/ });
    expect(
      within(output.closest('[role="row"]') as HTMLElement).getByText(
        'GCS path',
      ),
    ).toBeInTheDocument();
  });

  it('data flow card keeps a declared output the catalog does not have, marked', async () => {
    await renderCard(<PipelineDataFlowCard />, dailyListeningStats);
    const missing = await screen.findByRole('link', {
      name: /not-registered-yet/,
    });
    expect(
      within(missing.closest('[role="row"]') as HTMLElement).getByText(
        'not in catalog',
      ),
    ).toBeInTheDocument();
  });

  it('data flow card explains how to declare inputs', async () => {
    // Not awaited: the lookup of no inputs settles right away, and must do so
    // inside findByText.
    renderCard(<PipelineDataFlowCard />, {
      ...trackPlayedIngest,
      spec: { ...trackPlayedIngest.spec, inputs: undefined },
    });
    expect(await screen.findByText('No inputs declared')).toBeInTheDocument();
    expect(
      await findYamlHint('dataendpoint:default/track-played-raw'),
    ).toBeInTheDocument();
  });
});
