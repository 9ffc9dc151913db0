import type {
  ProvisioningStore,
  ResourceStanding,
  StoredResource,
} from './ProvisioningStore';

/**
 * Rows others wrote this long before the last read are read again: the
 * clocks of instances differ, and a write commits after its time.
 */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Where every stored resource stands, as this instance last read or wrote
 * it, kept in step with the table: after a first full read, a reconcile
 * reads only the rows others wrote since (other instances; its own it
 * took in as it wrote them) instead of all of them, and everything again when the table holds a
 * different number of rows than it knows of (another instance forgot
 * some).
 */
export class KnownStandings {
  private readonly known = new Map<string, ResourceStanding>();
  private readAt?: number;

  constructor(
    private readonly store: ProvisioningStore,
    private readonly now: () => number,
    /** This instance, whose own writes are taken in as they are made. */
    private readonly writer: string,
  ) {}

  /** Every resource's standing, read in full the first time and when in doubt. */
  async read(): Promise<Map<string, ResourceStanding>> {
    const startedAt = this.now();
    if (this.readAt !== undefined) {
      const [changed, count] = await Promise.all([
        this.store.standingsChangedSince(
          this.readAt - CLOCK_MARGIN_MS,
          this.writer,
        ),
        this.store.countResources(),
      ]);
      for (const [id, standing] of changed) this.known.set(id, standing);
      if (count === this.known.size) {
        this.readAt = startedAt;
        return new Map(this.known);
      }
    }
    this.known.clear();
    for (const [id, standing] of await this.store.standings()) {
      this.known.set(id, standing);
    }
    this.readAt = startedAt;
    return new Map(this.known);
  }

  /** Takes in rows as they were written, with the last applies of the standings they were planned from. */
  remember(rows: StoredResource[], before: Map<string, ResourceStanding>) {
    for (const row of rows) {
      const standing: ResourceStanding = {
        id: row.id,
        state: row.state,
        desiredFingerprint: row.desiredFingerprint,
      };
      if (row.provisioner) standing.provisioner = row.provisioner;
      if (row.observedVersion !== undefined) {
        standing.observedVersion = row.observedVersion;
      }
      if (row.appliedFingerprint) {
        standing.appliedFingerprint = row.appliedFingerprint;
      }
      if (row.error) standing.error = row.error;
      if (row.lastApplyId !== undefined) {
        standing.lastApplyId = row.lastApplyId;
        const last = before.get(row.id)?.lastApply;
        if (last) standing.lastApply = last;
      }
      this.known.set(row.id, standing);
    }
  }

  forget(ids: string[]) {
    for (const id of ids) this.known.delete(id);
  }
}
