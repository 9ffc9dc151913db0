import type { Platform } from '../model/types';
import { RunEventFactory, OpenLineageRunEvent } from './runEvents';
import {
  burstRunPlans,
  OpenLineageEventOptions,
  RunPlan,
  toBoundary,
  windowRunPlans,
} from './runPlans';
import { catalogGaps, CatalogGaps, defaultGapCount } from './unregistered';

/** The catalog gaps a given event configuration produces (for checks and reports). */
export function openLineageCatalogGaps(
  platform: Platform,
  options: Pick<OpenLineageEventOptions, 'catalogGaps'> = {},
): CatalogGaps {
  return catalogGaps(
    platform,
    options.catalogGaps ?? defaultGapCount(platform),
  );
}

/**
 * The OpenLineage RunEvents of the platform's runs in a time window (or a
 * top-of-the-hour burst), streamed: events are built when they are pulled,
 * one hour boundary's run plans at a time, ordered by eventTime within a
 * boundary (late runs arrive after later boundaries' events, as they do from
 * real schedulers). Deterministic for a platform seed and these options.
 */
export function* generateOpenLineageEvents(
  platform: Platform,
  options: OpenLineageEventOptions,
): Generator<OpenLineageRunEvent> {
  const endMs = toBoundary(options.end);
  const hours = options.hours ?? 1;
  if (!Number.isInteger(hours) || hours < 1) {
    throw new Error(`hours must be a positive integer, got ${hours}`);
  }
  const until =
    options.until === undefined ? Infinity : new Date(options.until).getTime();
  const gaps = openLineageCatalogGaps(platform, options);
  const factory = new RunEventFactory(platform, gaps, {
    errorMessageRate: options.errorMessageRate ?? 0.8,
    columnLineageRate: options.columnLineageRate ?? 0.2,
  });
  const failureRate = options.failureRate ?? 0.01;
  const batches: Iterable<RunPlan[]> =
    options.mode === 'burst'
      ? burstRunPlans(platform, endMs, failureRate)
      : windowRunPlans(
          platform,
          endMs,
          hours,
          {
            failureRate,
            lateRate: options.lateRate ?? 0.02,
            stalledRate: options.stalledRate ?? 0.002,
          },
          gaps.adhocJobs.length,
        );

  for (const plans of batches) {
    // Sort (time, plan, phase) triples, then build each event only when yielded.
    const order: [number, number, number][] = [];
    plans.forEach((plan, i) => {
      order.push([plan.startMs, i, 0]);
      if (plan.endMs !== plan.startMs) order.push([plan.endMs, i, 1]);
    });
    order.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [atMs, i, phase] of order) {
      if (atMs > until) continue;
      yield factory.event(plans[i], phase as 0 | 1);
    }
  }
}

export type { OpenLineageRunEvent, OpenLineageEventOptions };
