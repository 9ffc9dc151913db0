import type {
  DataPlatformProvisioningExtensionPoint,
  Provisioner,
} from '@dataplatform/backstage-plugin-data-platform-node';
import type { DesiredResource } from '@dataplatform/backstage-plugin-data-platform-common';

/**
 * The installed provisioners, in the order modules added them: the
 * extension point's implementation. It takes additions until the plugin
 * starts, then answers which provisioner takes each resource.
 */
export class ProvisionerRegistry
  implements DataPlatformProvisioningExtensionPoint
{
  private readonly provisioners: Provisioner[] = [];
  private sealed = false;

  addProvisioner(provisioner: Provisioner): void {
    if (this.sealed) {
      throw new Error(
        `Provisioner ${provisioner.id} was added after the data-platform plugin started; add it from a module's init`,
      );
    }
    if (this.provisioners.some(p => p.id === provisioner.id)) {
      throw new Error(
        `A provisioner with id ${provisioner.id} is already added`,
      );
    }
    this.provisioners.push(provisioner);
  }

  /** Stops taking additions. */
  seal(): void {
    this.sealed = true;
  }

  list(): readonly Provisioner[] {
    return this.provisioners;
  }

  get(id: string): Provisioner | undefined {
    return this.provisioners.find(p => p.id === id);
  }

  /** The first provisioner that takes the resource, if any. */
  forResource(resource: DesiredResource): Provisioner | undefined {
    return this.provisioners.find(
      p =>
        p.resourceTypes.includes(resource.type) &&
        (p.handles?.(resource) ?? true),
    );
  }
}
