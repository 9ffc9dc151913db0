import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import type { EntityListContextProps } from '@backstage/plugin-catalog-react';
import { mockApis } from '@backstage/frontend-test-utils';
import { DataQualityClient } from '../../api/qualityClient';
import {
  dailyStreams,
  playbackService,
  trackPlayedHourly,
  trackPlayedTopic,
} from '../../__testUtils__/fixtures';
import {
  BASE_URL,
  FakeQualityBackend,
} from '../__testUtils__/FakeQualityBackend';
import { renderQuality } from '../__testUtils__/renderQuality';
import { QualityScoreBatches } from './QualityScoreBatches';
import {
  createQualityScoreColumn,
  withQualityScoreColumn,
} from './qualityScoreColumn';

const backend = new FakeQualityBackend();
backend.listen();

const day = '2026-03-01';

describe('the quality score column', () => {
  it("shows each endpoint's score, fetched for all rows in one request", async () => {
    backend.scores = [
      {
        entityRef: 'dataendpoint:default/track-played-hourly',
        title: 'track-played-hourly',
        score: 81,
        day,
        weakest: 'checks',
      },
      {
        entityRef: 'dataendpoint:default/daily-streams',
        title: 'daily-streams',
        score: 64,
        day,
      },
    ];
    const rows = [
      trackPlayedHourly,
      dailyStreams,
      trackPlayedTopic,
      playbackService,
    ].map(entity => ({ entity, id: entity.metadata.name }));
    renderQuality(
      <Table
        title="Data endpoints"
        options={{ paging: false, search: false }}
        columns={[
          { title: 'Name', field: 'id' },
          createQualityScoreColumn<{ entity: Entity; id: string }>(),
        ]}
        data={rows}
      />,
    );

    const row = (name: string) =>
      screen.getByText(name, { selector: 'td' }).closest('tr')!;
    expect(await screen.findByText('81')).toBeInTheDocument();
    const hourly = within(row('track-played-hourly')).getByRole('link', {
      name: 'Quality score 81',
    });
    expect(hourly).toHaveAttribute(
      'href',
      '/catalog/default/dataendpoint/track-played-hourly/quality',
    );
    expect(within(hourly).getByText('81')).toHaveAttribute(
      'title',
      `Score for ${day}; lost most on checks`,
    );
    expect(within(row('daily-streams')).getByText('64')).toBeInTheDocument();
    expect(
      within(row('track-played-topic')).getByTitle('No score yet'),
    ).toHaveTextContent('–');
    expect(within(row('playback-service')).queryByRole('link')).toBeNull();

    expect(backend.posts()).toEqual([
      {
        method: 'POST',
        path: '/api/data-platform/quality/scores',
        body: {
          entityRefs: [
            'dataendpoint:default/track-played-hourly',
            'dataendpoint:default/daily-streams',
            'dataendpoint:default/track-played-topic',
          ],
        },
      },
    ]);
  });

  it('is added to the catalog list of DataEndpoints only', () => {
    const base = () => [{ title: 'Name', field: 'entity.metadata.name' }];
    const columns = withQualityScoreColumn(base);
    const context = (kind?: string) =>
      ({
        filters: kind ? { kind: { value: kind } } : {},
      } as unknown as EntityListContextProps);
    expect(columns(context('DataEndpoint')).map(c => c.title)).toEqual([
      'Name',
      'Quality',
    ]);
    expect(columns(context('pipeline')).map(c => c.title)).toEqual(['Name']);
    expect(columns(context()).map(c => c.title)).toEqual(['Name']);
  });
});

describe('QualityScoreBatches', () => {
  const client = () =>
    new DataQualityClient({
      discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
      fetchApi: mockApis.fetch(),
    });

  it('asks once for the scores wanted in the same tick, and reuses them for a minute', async () => {
    backend.scores = [
      { entityRef: 'dataendpoint:default/a', title: 'a', score: 90, day },
    ];
    let now = 0;
    const batches = new QualityScoreBatches(client(), () => now);
    const [a, b] = await Promise.all([
      batches.score('dataendpoint:default/a'),
      batches.score('dataendpoint:default/b'),
      batches.score('dataendpoint:default/a'),
    ]);
    expect(a?.score).toBe(90);
    expect(b).toBeUndefined();
    expect(backend.posts()).toHaveLength(1);

    await batches.score('dataendpoint:default/a');
    expect(backend.posts()).toHaveLength(1);
    now = 60_000;
    await batches.score('dataendpoint:default/a');
    expect(backend.posts()).toHaveLength(2);
  });

  it('fails every row of a failed batch, and asks again next time', async () => {
    backend.failWith = 503;
    const batches = new QualityScoreBatches(client());
    await expect(
      Promise.all([
        batches.score('dataendpoint:default/a'),
        batches.score('dataendpoint:default/b'),
      ]),
    ).rejects.toThrow(/503/);
    backend.failWith = undefined;
    await expect(
      batches.score('dataendpoint:default/a'),
    ).resolves.toBeUndefined();
    expect(backend.posts()).toHaveLength(2);
  });
});
