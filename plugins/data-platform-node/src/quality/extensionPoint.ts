import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { QualityRunner } from './runner';

/**
 * Where backend modules of the data-platform plugin add quality runners.
 *
 * @public
 */
export interface DataPlatformQualityExtensionPoint {
  /**
   * Adds a runner. When several handle the same table, the first added
   * wins. Call it from a module's `init`; ids must be unique.
   */
  addRunner(runner: QualityRunner): void;
}

/**
 * The extension point for quality runners of the data-platform plugin.
 *
 * @public
 */
export const dataPlatformQualityExtensionPoint =
  createExtensionPoint<DataPlatformQualityExtensionPoint>({
    id: 'data-platform.quality',
  });
