import { OpenLineageEventHandler } from '@dataplatform/backstage-plugin-data-platform-node';
import { OpenLineageHandlerRegistry } from './OpenLineageHandlerRegistry';

const handler = (name: string): OpenLineageEventHandler => ({
  name,
  handle: async () => {},
});

const namesOf = (handlers: OpenLineageEventHandler[]) =>
  handlers.map(h => h.name);

describe('OpenLineageHandlerRegistry', () => {
  it("runs the plugin's handlers first, then the modules' in the order they were added", () => {
    const registry = new OpenLineageHandlerRegistry();
    registry.extensionPoint.addHandler(handler('module-a'));
    registry.extensionPoint.addHandler(
      [handler('module-b'), handler('module-c')],
      handler('module-d'),
    );
    registry.closeToModules();
    registry.addBuiltIn(handler('lineage'), handler('runs'));

    expect(namesOf(registry.inRunOrder())).toEqual([
      'lineage',
      'runs',
      'module-a',
      'module-b',
      'module-c',
      'module-d',
    ]);
  });

  it('refuses handlers from modules once the plugin has started', () => {
    const registry = new OpenLineageHandlerRegistry();
    registry.closeToModules();
    expect(() =>
      registry.extensionPoint.addHandler(handler('late-forwarder')),
    ).toThrow(
      "Cannot add OpenLineage handler 'late-forwarder': the data-platform plugin has started. Add handlers in the init of a backend module for the 'data-platform' plugin.",
    );
    expect(registry.inRunOrder()).toEqual([]);
  });

  it('refuses every handler once the ingestor has them', () => {
    const registry = new OpenLineageHandlerRegistry();
    registry.addBuiltIn(handler('lineage'));
    expect(namesOf(registry.inRunOrder())).toEqual(['lineage']);
    expect(() => registry.addBuiltIn(handler('runs'))).toThrow(
      "Cannot add OpenLineage handler 'runs'",
    );
    expect(() =>
      registry.extensionPoint.addHandler(handler('forwarder')),
    ).toThrow('the data-platform plugin has started');
  });

  it('refuses a second handler of the same name, whoever adds it', () => {
    const registry = new OpenLineageHandlerRegistry();
    registry.extensionPoint.addHandler(handler('runs'));
    expect(() =>
      registry.extensionPoint.addHandler(
        handler('forwarder'),
        handler('forwarder'),
      ),
    ).toThrow("There is already an OpenLineage handler named 'forwarder'");
    registry.closeToModules();
    expect(() => registry.addBuiltIn(handler('runs'))).toThrow(
      "There is already an OpenLineage handler named 'runs'",
    );
    // A refused call adds none of its handlers.
    expect(namesOf(registry.inRunOrder())).toEqual(['runs']);
  });
});
