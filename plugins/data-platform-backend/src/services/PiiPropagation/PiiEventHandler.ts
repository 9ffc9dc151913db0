import {
  OpenLineageEventHandler,
  preparedFor,
  ValidatedEvent,
} from '@dataplatform/backstage-plugin-data-platform-node';
import { Knex } from 'knex';
import { lineageSignature } from '../OpenLineage/lineageObservation';
import { markDirty } from './PiiCatalogStore';

/** What the handler takes of an event: its lineage and the datasets it writes. */
type Written = { signature?: string; outputs: string[] };

const datasetId = (d: { namespace: string; name: string }) =>
  `openlineage:dataset:${d.namespace}/${d.name}`;

/**
 * Queues the datasets events write for recomputing their personal data,
 * in the ingestion's transaction, and asks for the recompute once the batch
 * commits. An event whose lineage (its `lineageSignature`: job, inputs,
 * outputs, column lineage) this instance queued lately changes nothing and
 * is skipped, so the hourly runs of known pipelines queue nothing.
 */
export class PiiEventHandler implements OpenLineageEventHandler {
  readonly name = 'pii-propagation';
  private readonly seen = new Map<string, true>();

  constructor(
    private readonly onCommitted: () => void,
    private readonly capacity = 200_000,
  ) {}

  prepare(e: ValidatedEvent): Written {
    if (e.kind === 'DatasetEvent') {
      return e.event.dataset.facets?.columnLineage
        ? { outputs: [datasetId(e.event.dataset)] }
        : { outputs: [] };
    }
    return {
      signature: lineageSignature(e),
      outputs: (e.event.outputs ?? []).map(datasetId),
    };
  }

  async handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void> {
    const outputs = new Set<string>();
    const signatures = new Set<string>();
    for (const e of events) {
      const written = preparedFor(e, this);
      if (written.signature !== undefined) {
        if (this.seen.has(written.signature)) continue;
        signatures.add(written.signature);
      }
      written.outputs.forEach(o => outputs.add(o));
    }
    if (outputs.size === 0) return;
    await markDirty(tx, [...outputs]);
    tx.executionPromise.then(
      () => {
        for (const signature of signatures) this.remember(signature);
        this.onCommitted();
      },
      () => {},
    );
  }

  /** A rebuild forgets observed lineage: recompute everything afterwards. */
  async reset(tx: Knex.Transaction): Promise<void> {
    this.seen.clear();
    await markDirty(tx, ['*']);
    tx.executionPromise.then(this.onCommitted, () => {});
  }

  private remember(signature: string) {
    this.seen.set(signature, true);
    if (this.seen.size > this.capacity) {
      this.seen.delete(this.seen.keys().next().value!);
    }
  }
}
