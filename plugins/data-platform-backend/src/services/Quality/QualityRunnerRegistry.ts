import type {
  DataPlatformQualityExtensionPoint,
  QualityRunner,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { ModuleRegistry } from '../ModuleRegistry';

/** The installed quality runners: the quality extension point's implementation. */
export class QualityRunnerRegistry
  extends ModuleRegistry<QualityRunner>
  implements DataPlatformQualityExtensionPoint
{
  constructor() {
    super('quality runner');
  }

  addRunner(runner: QualityRunner): void {
    this.add(runner);
  }
}
