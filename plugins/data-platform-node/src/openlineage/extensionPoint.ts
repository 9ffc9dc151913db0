import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { OpenLineageEventHandler } from './handler';

/**
 * Where backend modules of the data-platform plugin add OpenLineage event
 * handlers.
 *
 * @public
 */
export interface DataPlatformOpenLineageExtensionPoint {
  /**
   * Adds handlers that run on every accepted batch of OpenLineage events,
   * after the plugin's own handlers and those added before them. Call it
   * from a module's `init`: once the plugin has started, adding a handler
   * throws. A handler's name must be unique among the plugin's handlers.
   *
   * @param handlers - One or more handlers, or arrays of them
   */
  addHandler(
    ...handlers: Array<OpenLineageEventHandler | Array<OpenLineageEventHandler>>
  ): void;
}

/**
 * The extension point for OpenLineage event handlers of the data-platform
 * plugin.
 *
 * @public
 */
export const dataPlatformOpenLineageExtensionPoint =
  createExtensionPoint<DataPlatformOpenLineageExtensionPoint>({
    id: 'data-platform.openlineage',
  });
