import { ConflictError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { playlistFollowed } from '../testing/eventTypes';
import { createEventTypeRegisterAction } from './eventTypeRegister';
import { examples } from './eventTypeRegister.examples';

const exampleInput = (index: number) =>
  parse(examples[index].example).steps[0].input;

// The Location entity the catalog makes of `catalog.locations` entry
// { type: file, target: /srv/backstage/local-catalog/**/*.yaml }.
const localCatalogLocation = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'generated-1234', namespace: 'default' },
  spec: { type: 'file', target: '/srv/backstage/local-catalog/**/*.yaml' },
};
const examplesLocation = {
  ...localCatalogLocation,
  metadata: { name: 'generated-5678', namespace: 'default' },
  spec: { type: 'file', target: '/srv/backstage/examples/all.yaml' },
};

/** A catalog that shows the event type after `appearsAfter` lookups. */
function catalogShowing(
  appearsAfter: number,
  extra: Parameters<typeof catalogServiceMock.mock>[0] = {},
) {
  let lookups = 0;
  return catalogServiceMock.mock({
    getEntities: jest.fn(async () => ({
      items: [localCatalogLocation, examplesLocation],
    })),
    getEntityByRef: jest.fn(async () =>
      ++lookups > appearsAfter ? playlistFollowed() : undefined,
    ),
    refreshEntity: jest.fn(async () => undefined),
    ...extra,
  });
}

async function run(
  catalog: ReturnType<typeof catalogServiceMock.mock>,
  input: Record<string, unknown>,
  isDryRun = false,
) {
  const action = createEventTypeRegisterAction({ catalog, pollIntervalMs: 1 });
  // createMockActionContext drops isDryRun.
  const ctx = {
    ...createMockActionContext({
      input: { timeoutSeconds: 5, ...input } as any,
    }),
    isDryRun,
  };
  await action.handler(ctx as any);
  return ctx;
}

describe('dataplatform:eventType:register', () => {
  it('example 1: refreshes the file location reading the local catalog and waits for the revision', async () => {
    const catalog = catalogShowing(2);
    const ctx = await run(catalog, exampleInput(0));
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'location:default/generated-1234',
      expect.anything(),
    );
    expect(catalog.refreshEntity).not.toHaveBeenCalledWith(
      'location:default/generated-5678',
      expect.anything(),
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'eventtype:default/playlist-followed',
    );
    expect(ctx.output).toHaveBeenCalledWith('locations', [
      'location:default/generated-1234',
    ]);
  });

  it('example 2: adds a URL location, and takes one that exists already (409) as registered', async () => {
    const addLocation = jest.fn(async () => {
      throw new ConflictError(
        'Location url:https://github.com/... already exists',
      );
    });
    const catalog = catalogShowing(0, { addLocation });
    const ctx = await run(catalog, exampleInput(1));
    expect(addLocation).toHaveBeenCalledWith(
      { type: 'url', target: exampleInput(1).catalogInfoUrl },
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('locations', [
      `url:${exampleInput(1).catalogInfoUrl}`,
    ]);
  });

  it('says which location to add when none reads the file', async () => {
    const catalog = catalogShowing(0, {
      getEntities: jest.fn(async () => ({ items: [examplesLocation] })),
    });
    await expect(run(catalog, exampleInput(0))).rejects.toThrow(
      'No catalog location reads /srv/backstage/local-catalog/event-types/playlist-followed.yaml; add a location { type: file, target: <local catalog directory>/**/*.yaml } under catalog.locations',
    );
  });

  it('gives up after the timeout, saying which revision the catalog shows', async () => {
    const catalog = catalogShowing(0);
    await expect(
      run(catalog, { ...exampleInput(0), revision: 2, timeoutSeconds: 1 }),
    ).rejects.toThrow(
      'eventtype:default/playlist-followed is still at revision 1 after 1s; look for processing errors of /srv/backstage/local-catalog/event-types/playlist-followed.yaml',
    );
  });

  it('touches nothing in a dry run', async () => {
    const catalog = catalogShowing(0);
    await run(catalog, exampleInput(0), true);
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('needs exactly one of a URL and a file', async () => {
    await expect(
      run(catalogShowing(0), { entityRef: 'eventtype:default/x', revision: 1 }),
    ).rejects.toThrow('Give exactly one of catalogInfoUrl and filePath');
  });
});
