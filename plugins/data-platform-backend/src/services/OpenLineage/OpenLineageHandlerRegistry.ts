import {
  DataPlatformOpenLineageExtensionPoint,
  OpenLineageEventHandler,
} from '@dataplatform/backstage-plugin-data-platform-node';

const names = (handlers: OpenLineageEventHandler[]) =>
  handlers.map(h => `'${h.name}'`).join(', ');

/**
 * The OpenLineage handlers of the plugin, in the order the ingestor runs
 * them: the plugin's own first, then those that modules added through
 * `dataPlatformOpenLineageExtensionPoint`, in the order they added them.
 *
 * The backend runs every module's init before the plugin's; the plugin
 * closes the registry to modules when its init begins, adds its own
 * handlers, and hands them all to the ingestor.
 */
export class OpenLineageHandlerRegistry {
  readonly #builtIn: OpenLineageEventHandler[] = [];
  readonly #fromModules: OpenLineageEventHandler[] = [];
  #closedToModules = false;
  #handedOut = false;

  /** What modules get: they can add handlers, nothing else. */
  readonly extensionPoint: DataPlatformOpenLineageExtensionPoint = {
    addHandler: (...handlers) => {
      const added = handlers.flat();
      if (this.#closedToModules) {
        throw new Error(
          `Cannot add OpenLineage handler ${names(
            added,
          )}: the data-platform plugin has started. Add handlers in the init of a backend module for the 'data-platform' plugin.`,
        );
      }
      this.#add(this.#fromModules, added);
    },
  };

  /** Modules can add no more handlers: their inits have all run. */
  closeToModules(): void {
    this.#closedToModules = true;
  }

  /** Adds the plugin's own handlers, which run before every module's. */
  addBuiltIn(...handlers: OpenLineageEventHandler[]): void {
    if (this.#handedOut) {
      throw new Error(
        `Cannot add OpenLineage handler ${names(
          handlers,
        )}: the ingestor already runs the others`,
      );
    }
    this.#add(this.#builtIn, handlers);
  }

  /** Every handler in running order; none can be added afterwards. */
  inRunOrder(): OpenLineageEventHandler[] {
    this.#closedToModules = true;
    this.#handedOut = true;
    return [...this.#builtIn, ...this.#fromModules];
  }

  #add(to: OpenLineageEventHandler[], handlers: OpenLineageEventHandler[]) {
    // `prepare`'s results are kept by handler name.
    const taken = new Set(
      [...this.#builtIn, ...this.#fromModules].map(h => h.name),
    );
    for (const handler of handlers) {
      if (taken.has(handler.name)) {
        throw new Error(
          `There is already an OpenLineage handler named '${handler.name}'; handler names must be unique`,
        );
      }
      taken.add(handler.name);
    }
    to.push(...handlers);
  }
}
