/**
 * What backend modules add through one of the plugin's extension points
 * (provisioners, quality runners), in the order they added them: it takes
 * additions until the plugin starts, with unique ids.
 */
export class ModuleRegistry<T extends { readonly id: string }> {
  private readonly items: T[] = [];
  private sealed = false;

  /** @param what - What the items are, for errors: `provisioner`, `quality runner`. */
  constructor(private readonly what: string) {}

  add(item: T): void {
    if (this.sealed) {
      throw new Error(
        `The ${this.what} ${item.id} was added after the data-platform plugin started; add it from a module's init`,
      );
    }
    if (this.items.some(i => i.id === item.id)) {
      throw new Error(`A ${this.what} with id ${item.id} is already added`);
    }
    this.items.push(item);
  }

  /** Stops taking additions. */
  seal(): void {
    this.sealed = true;
  }

  list(): readonly T[] {
    return this.items;
  }

  get(id: string): T | undefined {
    return this.items.find(i => i.id === id);
  }
}
