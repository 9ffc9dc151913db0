import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { existsSync, readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { playlistFollowed } from '../testing/eventTypes';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';

const exampleInput = (index: number) =>
  parse(examples[index].example).steps[0].input;

const eventTypeYaml = (
  revision: number,
) => `apiVersion: dataplatform.io/v1alpha1
kind: EventType
metadata:
  name: playlist-followed
spec:
  owner: group:default/playback
  lifecycle: experimental
  delivery: { partitioning: HOUR, retentionDays: 90 }
  schema:
    revision: ${revision}
    fields:
      - { name: event_id, type: STRING, mode: REQUIRED }
`;
const topicYaml = `apiVersion: dataplatform.io/v1alpha1
kind: DataEndpoint
metadata:
  name: playlist-followed-topic
spec:
  type: pubsub-topic
  owner: group:default/playback
  lifecycle: experimental
  location: { project: tunewave-events, topic: playlist-followed }
`;

describe('dataplatform:publish:local', () => {
  const workspace = createMockDirectory();
  const localCatalog = createMockDirectory();
  beforeEach(() => {
    workspace.clear();
    localCatalog.clear();
  });

  async function run(
    input: Record<string, unknown>,
    options: {
      entities?: any[];
      directory?: string | null;
      isDryRun?: boolean;
    } = {},
  ) {
    const action = createPublishLocalAction({
      catalog: catalogServiceMock({ entities: options.entities ?? [] }),
      directory:
        options.directory === null
          ? undefined
          : options.directory ?? localCatalog.path,
    });
    // createMockActionContext drops isDryRun.
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      isDryRun: options.isDryRun,
    };
    await action.handler(ctx as any);
    return ctx;
  }
  const inCatalog = (path: string) =>
    readFileSync(localCatalog.resolve(path), 'utf8');

  it('example 1: writes a new file into the local catalog directory', async () => {
    workspace.setContent({
      'catalog/playlist-followed.yaml': `${eventTypeYaml(1)}---\n${topicYaml}`,
    });
    const ctx = await run(exampleInput(0));
    const target = localCatalog.resolve('event-types/playlist-followed.yaml');
    expect(inCatalog('event-types/playlist-followed.yaml')).toBe(
      `${eventTypeYaml(1)}---\n${topicYaml}`,
    );
    expect(ctx.output).toHaveBeenCalledWith('filePath', target);
    expect(ctx.output).toHaveBeenCalledWith('locationTarget', `file:${target}`);
  });

  it('runs again without complaint when the file holds the same entities (a retried task)', async () => {
    workspace.setContent({
      'catalog/playlist-followed.yaml': eventTypeYaml(1),
    });
    await run(exampleInput(0));
    await run(exampleInput(0));
    expect(
      parseAllDocuments(inCatalog('event-types/playlist-followed.yaml')),
    ).toHaveLength(1);
  });

  it('refuses to overwrite a file that holds other entities', async () => {
    workspace.setContent({
      'catalog/playlist-followed.yaml': eventTypeYaml(1),
    });
    localCatalog.setContent({
      'event-types/playlist-followed.yaml': topicYaml.replace(
        'playlist-followed-topic',
        'other-topic',
      ),
    });
    await expect(run(exampleInput(0))).rejects.toThrow(
      'already exists and holds dataendpoint:default/other-topic; choose another name',
    );
  });

  it('example 2: updates the EventType in the file it lives in, leaving the other documents', async () => {
    localCatalog.setContent({
      'event-types/followed.yaml': `# Registered by the "Register a new event type" template.\n${eventTypeYaml(
        1,
      )}---\n# The landing topic\n${topicYaml}`,
    });
    workspace.setContent({ 'catalog-info.yaml': eventTypeYaml(2) });
    const entity = playlistFollowed({
      file: localCatalog.resolve('event-types/followed.yaml'),
    });
    const ctx = await run(exampleInput(1), { entities: [entity] });
    const text = inCatalog('event-types/followed.yaml');
    const docs = parseAllDocuments(text).map(d => d.toJSON());
    expect(docs.map(d => `${d.kind} ${d.metadata.name}`)).toEqual([
      'EventType playlist-followed',
      'DataEndpoint playlist-followed-topic',
    ]);
    expect(docs[0].spec.schema.revision).toBe(2);
    expect(text).toContain(
      '# Registered by the "Register a new event type" template.',
    );
    expect(text).toContain('# The landing topic');
    expect(
      existsSync(localCatalog.resolve('event-types/playlist-followed.yaml')),
    ).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith(
      'filePath',
      localCatalog.resolve('event-types/followed.yaml'),
    );
  });

  it('refuses to write an entity that lives outside the local catalog directory', async () => {
    workspace.setContent({ 'catalog-info.yaml': eventTypeYaml(2) });
    const entity = playlistFollowed({
      file: '/work/main/examples/listening/event-types.yaml',
    });
    await expect(run(exampleInput(1), { entities: [entity] })).rejects.toThrow(
      'comes from file:/work/main/examples/listening/event-types.yaml, outside the local catalog directory',
    );
  });

  it('refuses target paths that leave the directory', async () => {
    workspace.setContent({ 'catalog-info.yaml': eventTypeYaml(1) });
    await expect(run({ targetPath: '../escape.yaml' })).rejects.toThrow(
      'Relative path is not allowed to refer to a directory outside its parent',
    );
  });

  it('says how to publish when no local catalog is configured', async () => {
    workspace.setContent({
      'catalog/playlist-followed.yaml': eventTypeYaml(1),
    });
    await expect(run(exampleInput(0), { directory: null })).rejects.toThrow(
      'dataPlatform.scaffolder.localCatalog.directory is not set',
    );
  });

  it('writes nothing in a dry run', async () => {
    workspace.setContent({
      'catalog/playlist-followed.yaml': eventTypeYaml(1),
    });
    const ctx = await run(exampleInput(0), { isDryRun: true });
    expect(
      existsSync(localCatalog.resolve('event-types/playlist-followed.yaml')),
    ).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith(
      'filePath',
      localCatalog.resolve('event-types/playlist-followed.yaml'),
    );
  });
});
