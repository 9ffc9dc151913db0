import { Knex } from 'knex';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import type { LineageObservation } from '../LineageIndex/types';
import {
  OpenLineageEventHandler,
  preparedFor,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { lineageSignature, observeEvents } from './lineageObservation';

type Written = { seenAt: number; transformations?: string };

/**
 * Observed edges this backend instance has committed lately. Most events
 * repeat lineage the index already holds (a run's START and COMPLETE, the
 * next hour's run of the same job); rewriting it would only move
 * `last_seen_at` forward a little.
 */
class RecentlyWritten {
  private readonly entries = new Map<string, Written>();

  constructor(private readonly capacity: number) {}

  /** Whether the index already holds this edge, seen within `resolution` of `seenAt`. */
  covers(key: string, next: Written, resolution: number): boolean {
    const written = this.entries.get(key);
    if (!written) return false;
    if (next.seenAt <= written.seenAt) return true;
    return (
      next.seenAt - written.seenAt < resolution &&
      next.transformations === written.transformations
    );
  }

  /** When this edge was last written, if it is remembered. */
  writtenAt(key: string): number | undefined {
    return this.entries.get(key)?.seenAt;
  }

  remember(key: string, next: Written) {
    const written = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(
      key,
      written && written.seenAt > next.seenAt ? written : next,
    );
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  clear() {
    this.entries.clear();
  }
}

/**
 * Maps accepted events onto the lineage index as observed edges (dataset ->
 * job -> dataset) and column edges. Jobs and datasets are named as the events
 * name them; the index resolves names that a catalog entity holds (by
 * annotation or naming convention) to that entity and keeps the others as
 * unregistered nodes.
 *
 * An edge's `lastSeenAt` is kept to within `resolutionMs` (default six
 * hours, config `dataPlatform.openLineage.lastSeenResolution`):
 * an edge this instance committed less than that before the event's time is
 * not written again, so a burst of runs that repeat known lineage costs
 * little more than storing the raw events. New edges, changed column
 * transformations and edges last written longer ago are always written.
 * An event whose job, inputs, outputs and column-lineage facets (its
 * `lineageSignature`) match one whose edges were all written within the
 * resolution is skipped without looking at its edges one by one.
 */
export class ObservedLineageHandler implements OpenLineageEventHandler {
  readonly name = 'observed-lineage';
  private readonly recent: RecentlyWritten;
  private readonly signatures: RecentlyWritten;
  private readonly resolution: number;

  constructor(
    private readonly store: DatabaseLineageStore,
    options: { resolutionMs?: number; capacity?: number } = {},
  ) {
    this.resolution = options.resolutionMs ?? 6 * 3_600_000;
    this.recent = new RecentlyWritten(options.capacity ?? 500_000);
    this.signatures = new RecentlyWritten(options.capacity ?? 500_000);
  }

  /** The event's lineage signature, taken while it is parsed. */
  prepare(e: ValidatedEvent): string | undefined {
    return lineageSignature(e);
  }

  async handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void> {
    // An event whose lineage signature this instance wrote within the
    // resolution shows no edge that needs writing: skip it whole. Only the
    // others are read further (for a prepared event, parsed again).
    const rest: ValidatedEvent[] = [];
    const signatures: (string | undefined)[] = [];
    for (const e of events) {
      const signature = preparedFor(e, this);
      if (
        signature !== undefined &&
        this.signatures.covers(
          signature,
          { seenAt: e.eventTime },
          this.resolution,
        )
      ) {
        continue;
      }
      rest.push(e);
      signatures.push(signature);
    }
    if (rest.length === 0) return;

    const observation = observeEvents(rest);
    const pending = new Map<string, Written>();
    const keep = (key: string, next: Written) => {
      if (this.recent.covers(key, next, this.resolution)) return false;
      pending.set(key, next);
      return true;
    };
    const fresh: LineageObservation = {
      seenAt: observation.seenAt,
      nodes: [],
      edges: [],
      columnEdges: [],
    };
    for (const [key, job] of observation.jobs) {
      // Once written, a node needs no rewriting: any time covers it.
      if (keep(key, { seenAt: Number.POSITIVE_INFINITY })) {
        fresh.nodes!.push(job);
      }
    }
    for (const [key, e] of observation.edges) {
      if (keep(key, { seenAt: e.seenAt ?? observation.seenAt })) {
        fresh.edges.push(e);
      }
    }
    for (const [key, e] of observation.columnEdges) {
      const next = {
        seenAt: e.seenAt ?? observation.seenAt,
        transformations: JSON.stringify([e.via, e.transformations]),
      };
      if (keep(key, next)) fresh.columnEdges.push(e);
    }
    await this.store.recordObservation(fresh, tx);

    // A signature is as fresh as the least recently written of its edges.
    const writtenSignatures: [string, Written][] = [];
    rest.forEach((e, i) => {
      const signature = signatures[i];
      if (signature === undefined) return;
      let oldest = e.eventTime;
      for (const key of observation.keysByEvent[i]) {
        const at = pending.get(key)?.seenAt ?? this.recent.writtenAt(key);
        if (at === undefined) return;
        oldest = Math.min(oldest, at);
      }
      writtenSignatures.push([signature, { seenAt: oldest }]);
    });
    // Remembered once committed: a rolled-back batch wrote nothing.
    tx.executionPromise.then(
      () => {
        pending.forEach((next, key) => this.recent.remember(key, next));
        for (const [signature, next] of writtenSignatures) {
          this.signatures.remember(signature, next);
        }
      },
      () => {},
    );
  }

  async reset(tx: Knex.Transaction): Promise<void> {
    this.recent.clear();
    this.signatures.clear();
    await this.store.forgetObservations(tx);
  }
}
