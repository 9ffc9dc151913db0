import { Knex } from 'knex';
import { DatabaseLineageStore } from '../LineageIndex/DatabaseLineageStore';
import { toLineageObservation } from './lineageObservation';
import type { OpenLineageEventHandler, ValidatedEvent } from './types';

/**
 * Maps accepted events onto the lineage index as observed edges (dataset ->
 * job -> dataset) and column edges. Jobs and datasets are named as the events
 * name them; the index resolves names that a catalog entity holds (by
 * annotation or naming convention) to that entity and keeps the others as
 * unregistered nodes.
 */
export class ObservedLineageHandler implements OpenLineageEventHandler {
  readonly name = 'observed-lineage';

  constructor(private readonly store: DatabaseLineageStore) {}

  async handle(events: ValidatedEvent[], tx: Knex.Transaction): Promise<void> {
    await this.store.recordObservation(toLineageObservation(events), tx);
  }

  async reset(tx: Knex.Transaction): Promise<void> {
    await this.store.forgetObservations(tx);
  }
}
