import type {
  DataPlatformProvisioningExtensionPoint,
  Provisioner,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { DesiredResource } from '@dataplatform/backstage-plugin-data-platform-common';
import { ModuleRegistry } from '../ModuleRegistry';

/**
 * The installed provisioners: the provisioning extension point's
 * implementation, and which provisioner takes each resource.
 */
export class ProvisionerRegistry
  extends ModuleRegistry<Provisioner>
  implements DataPlatformProvisioningExtensionPoint
{
  constructor() {
    super('provisioner');
  }

  addProvisioner(provisioner: Provisioner): void {
    this.add(provisioner);
  }

  /** The first provisioner that takes the resource, if any. */
  forResource(resource: DesiredResource): Provisioner | undefined {
    return this.list().find(
      p =>
        p.resourceTypes.includes(resource.type) &&
        (p.handles?.(resource) ?? true),
    );
  }
}
