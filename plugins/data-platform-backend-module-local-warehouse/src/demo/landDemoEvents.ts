import type { LoggerService } from '@backstage/backend-plugin-api';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { partitionStart } from '../warehouse/partitionTime';
import { physicalTableName } from '../warehouse/physicalNames';
import { demoDefectOf, withDemoDefect } from './demoDefects';
import { sampleEvent } from './sampleEvents';

/** Events the dev demo lands per delivery each minute: 300 rows an hour per table. */
export const DEMO_EVENTS_PER_DELIVERY = 5;

const MINUTE_MS = 60_000;

/**
 * The dev demo's delivery: lands a few sample events of each delivery's
 * event type into its table, through the delivery's generated
 * anonymization transform, their times spread over the minute before
 * `now` (never before the hour `now` is in, so that a batch lands in one
 * partition). Some partitions get a defect (see `demoDefectOf`). A
 * delivery that cannot land (its table gone) is logged and the others
 * still land.
 */
export async function landDemoEvents(
  warehouse: LocalWarehouse,
  options: {
    logger: LoggerService;
    now?: Date;
    eventsPerDelivery?: number;
    random?: () => number;
  },
): Promise<number> {
  const now = options.now ?? new Date();
  const random = options.random ?? Math.random;
  const count = options.eventsPerDelivery ?? DEMO_EVENTS_PER_DELIVERY;
  const hourStart = partitionStart(now, 'HOUR').getTime();
  const deliveries = await warehouse.allDeliveries();
  const tables = await warehouse.tables(
    deliveries.map(d => physicalTableName(d.table)),
  );
  let landed = 0;
  for (const delivery of deliveries) {
    const granularity =
      tables.get(physicalTableName(delivery.table))?.timePartitioning
        ?.granularity ?? 'HOUR';
    const defect = demoDefectOf(partitionStart(now, granularity), granularity);
    const sample = Array.from({ length: count }, () =>
      sampleEvent(
        delivery.fields,
        new Date(
          Math.max(hourStart, now.getTime() - Math.floor(random() * MINUTE_MS)),
        ),
        random,
      ),
    );
    const events = withDemoDefect(defect, sample, delivery.fields, now);
    if (events.length === 0) continue;
    try {
      const report = await warehouse.deliver(delivery.id, events, {
        arrival: now,
      });
      landed += report.landed;
      for (const refused of report.refused) {
        options.logger.warn(
          `The demo delivery ${delivery.id} refused an event: ${refused.message}`,
        );
      }
    } catch (error) {
      options.logger.warn(
        `The demo delivery ${delivery.id} landed nothing: ${
          (error as Error).message
        }`,
      );
    }
  }
  return landed;
}
