import type { LoggerService } from '@backstage/backend-plugin-api';
import type { LocalWarehouse } from '../warehouse/LocalWarehouse';
import { partitionStart } from '../warehouse/partitionTime';
import { physicalTableName } from '../warehouse/physicalNames';
import type { WarehouseDelivery } from '../warehouse/types';
import { demoDefectOf, withDemoDefect } from './demoDefects';
import { sampleEvent } from './sampleEvents';

/** Events the dev demo lands per delivery each minute: 300 rows an hour per table. */
export const DEMO_EVENTS_PER_DELIVERY = 5;

/**
 * Hours of events the demo lands at once into a table that has none
 * before the current hour: a fresh portal then has finished partitions to
 * judge (each defect among them) and a volume history, not only the hour
 * it started in.
 */
export const DEMO_BACKFILL_HOURS = 24;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

type DemoOptions = {
  logger: LoggerService;
  now?: Date;
  eventsPerDelivery?: number;
  /** Default `DEMO_BACKFILL_HOURS`. */
  backfillHours?: number;
  random?: () => number;
};

/**
 * One minute's batch of a delivery: `count` sample events timed in the
 * minute before `at` (never before the hour `at` is in), with the defect
 * of the partition `at` is in.
 */
function minuteBatch(
  delivery: WarehouseDelivery,
  granularity: Parameters<typeof demoDefectOf>[1],
  at: Date,
  count: number,
  random: () => number,
): Record<string, unknown>[] {
  const hourStart = partitionStart(at, 'HOUR').getTime();
  const defect = demoDefectOf(partitionStart(at, granularity), granularity);
  const sample = Array.from({ length: count }, () =>
    sampleEvent(
      delivery.fields,
      new Date(
        Math.max(hourStart, at.getTime() - Math.floor(random() * MINUTE_MS)),
      ),
      random,
    ),
  );
  return withDemoDefect(defect, sample, delivery.fields, at);
}

async function deliverDemo(
  warehouse: LocalWarehouse,
  delivery: WarehouseDelivery,
  events: Record<string, unknown>[],
  arrival: Date,
  logger: LoggerService,
): Promise<number> {
  if (events.length === 0) return 0;
  try {
    const report = await warehouse.deliver(delivery.id, events, { arrival });
    for (const refused of report.refused) {
      logger.warn(
        `The demo delivery ${delivery.id} refused an event: ${refused.message}`,
      );
    }
    return report.landed;
  } catch (error) {
    logger.warn(
      `The demo delivery ${delivery.id} landed nothing: ${
        (error as Error).message
      }`,
    );
    return 0;
  }
}

/**
 * The dev demo's delivery: lands a few sample events of each delivery's
 * event type into its table, through the delivery's generated
 * anonymization transform, their times spread over the minute before
 * `now` (never before the hour `now` is in, so that a batch lands in one
 * partition). Some partitions get a defect (see `demoDefectOf`). A table
 * with nothing before the current hour first gets the last
 * `backfillHours` hours, as if the demo had run then (each hour's
 * rows arriving as it ended). A delivery that cannot land (its table gone)
 * is logged and the others still land.
 */
export async function landDemoEvents(
  warehouse: LocalWarehouse,
  options: DemoOptions,
): Promise<number> {
  const now = options.now ?? new Date();
  const random = options.random ?? Math.random;
  const count = options.eventsPerDelivery ?? DEMO_EVENTS_PER_DELIVERY;
  const backfillHours = options.backfillHours ?? DEMO_BACKFILL_HOURS;
  const hourStart = partitionStart(now, 'HOUR').getTime();
  const deliveries = await warehouse.allDeliveries();
  const names = deliveries.map(d => physicalTableName(d.table));
  const tables = await warehouse.tables(names);
  const earlier = await warehouse.partitions(
    names,
    new Date(hourStart - backfillHours * HOUR_MS),
  );
  let landed = 0;
  for (const delivery of deliveries) {
    const name = physicalTableName(delivery.table);
    const granularity =
      tables.get(name)?.timePartitioning?.granularity ?? 'HOUR';
    const hasHistory = (earlier.get(name) ?? []).some(p => p.start < hourStart);
    if (tables.has(name) && !hasHistory) {
      for (let hour = backfillHours; hour >= 1; hour--) {
        const start = hourStart - hour * HOUR_MS;
        const events = Array.from({ length: 60 }, (_, minute) =>
          minuteBatch(
            delivery,
            granularity,
            new Date(start + (minute + 1) * MINUTE_MS - 1),
            count,
            random,
          ),
        ).flat();
        landed += await deliverDemo(
          warehouse,
          delivery,
          events,
          new Date(start + HOUR_MS - 1),
          options.logger,
        );
      }
    }
    landed += await deliverDemo(
      warehouse,
      delivery,
      minuteBatch(delivery, granularity, now, count, random),
      now,
      options.logger,
    );
  }
  return landed;
}
