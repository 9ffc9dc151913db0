import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { validateDataPlatformEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { playlistFollowed } from '../testing/eventTypes';
import { createEventTypeRenderAction } from './eventTypeRender';
import { examples } from './eventTypeRender.examples';

const exampleInput = (index: number) =>
  parse(examples[index].example).steps[0].input;
const landing = {
  pubsubProject: 'tunewave-events',
  bigqueryProject: 'tunewave-raw',
  bigqueryDataset: 'events',
  topicRetentionDays: 7,
};
const now = () => new Date('2025-06-01T12:00:00.000Z');

describe('dataplatform:eventType:render', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  async function run(
    input: Record<string, unknown>,
    entities = [playlistFollowed()],
    isDryRun = false,
  ) {
    const action = createEventTypeRenderAction({
      catalog: catalogServiceMock({ entities }),
      landing,
      now,
    });
    // createMockActionContext drops isDryRun; a logger mock records what
    // the user sees in the task log.
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
        logger: mockServices.logger.mock(),
      }),
      isDryRun,
    };
    await action.handler(ctx as any);
    return ctx;
  }
  const written = (path: string) =>
    parseAllDocuments(readFileSync(workspace.resolve(path), 'utf8')).map(d =>
      d.toJSON(),
    );

  it('example 1: a new event type with its landing topic and raw table', async () => {
    const ctx = await run(exampleInput(0), []);
    const [eventType, topic, table] = written('catalog/playlist-followed.yaml');
    expect(eventType).toMatchObject({
      apiVersion: 'dataplatform.io/v1alpha1',
      kind: 'EventType',
      metadata: {
        name: 'playlist-followed',
        title: 'Playlist Followed',
        annotations: {
          'dataplatform.io/schema-revised-at': '2025-06-01T12:00:00.000Z',
          'dataplatform.io/pii-reviewed-by': 'user:default/guest',
        },
      },
      spec: {
        owner: 'group:default/playback',
        lifecycle: 'experimental',
        system: 'playback',
        producers: ['component:default/ios-app'],
        delivery: { partitioning: 'HOUR', retentionDays: 90 },
        schema: {
          revision: 1,
          compatibility: 'BACKWARD',
          fields: exampleInput(0).fields,
        },
      },
    });
    expect(topic).toMatchObject({
      kind: 'DataEndpoint',
      metadata: { name: 'playlist-followed-topic' },
      spec: {
        type: 'pubsub-topic',
        location: { project: 'tunewave-events', topic: 'playlist-followed' },
        schema: { eventType: 'eventtype:default/playlist-followed' },
        retentionDays: 7,
      },
    });
    expect(table).toMatchObject({
      metadata: {
        name: 'playlist-followed-raw',
        title: 'Playlist Followed, raw (hourly)',
      },
      spec: {
        type: 'bigquery-table',
        location: {
          project: 'tunewave-raw',
          dataset: 'events',
          table: 'playlist_followed',
        },
        partitioning: { granularity: 'HOUR', field: 'event_time' },
        retentionDays: 90,
      },
    });
    for (const entity of [eventType, topic, table]) {
      expect(validateDataPlatformEntity(entity)).toEqual([]);
    }
    expect(ctx.output).toHaveBeenCalledWith('entityRefs', [
      'eventtype:default/playlist-followed',
      'dataendpoint:default/playlist-followed-topic',
      'dataendpoint:default/playlist-followed-raw',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('revision', 1);
    expect(ctx.output).toHaveBeenCalledWith(
      'yaml',
      readFileSync(workspace.resolve('catalog/playlist-followed.yaml'), 'utf8'),
    );
  });

  it('example 2: the next revision keeps the entity and moves the old fields into the history', async () => {
    const ctx = await run(exampleInput(1));
    const [eventType] = written('catalog-info.yaml');
    expect(eventType.metadata).toEqual({
      name: 'playlist-followed',
      namespace: 'default',
      title: 'Playlist Followed',
      description: 'A listener followed a playlist.',
      annotations: {
        'dataplatform.io/pii-reviewed-by': 'user:default/guest',
        'dataplatform.io/schema-revised-at': '2025-06-01T12:00:00.000Z',
        'dataplatform.io/schema-revision-comment':
          'Add where the follow button was',
      },
    });
    expect(eventType.spec.schema).toEqual({
      revision: 2,
      compatibility: 'BACKWARD',
      fields: exampleInput(1).fields,
      history: [
        {
          revision: 1,
          fields: playlistFollowed().spec.schema.fields,
          createdAt: '2025-03-01T10:00:00.000Z',
          comment: 'First revision',
        },
      ],
    });
    expect(eventType.relations).toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith('revision', 2);
  });

  it('shows the rendered YAML in a dry run', async () => {
    const ctx = await run(exampleInput(0), [], true);
    const yaml = readFileSync(
      workspace.resolve('catalog/playlist-followed.yaml'),
      'utf8',
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      `[dry run] Rendered catalog/playlist-followed.yaml:\n${yaml}`,
    );
    expect(ctx.output).toHaveBeenCalledWith('yaml', yaml);
  });

  it('needs an owner and a description for a new event type', async () => {
    const { owner, ...input } = exampleInput(0);
    await expect(run(input, [])).rejects.toThrow(
      'A new event type needs an owner and a description',
    );
  });

  it('refuses to evolve an event type the catalog does not have', async () => {
    await expect(run(exampleInput(1), [])).rejects.toThrow(
      'is not in the catalog, so there is no schema to evolve',
    );
  });
});
