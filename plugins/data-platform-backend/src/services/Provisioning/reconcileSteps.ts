import { performance } from 'node:perf_hooks';

/** Where a reconcile spent its time, in milliseconds. */
export type ReconcileSteps = {
  /** Reading the endpoints, event types and pipelines from the catalog. */
  readCatalogMs: number;
  /** Deriving the desired resources from them. */
  deriveMs: number;
  /** Observing, per provisioner id. */
  observeMs: Record<string, number>;
  /** Planning each resource against what was observed. */
  planMs: number;
  /** Reading and writing the plugin's provisioning tables. */
  storeMs: number;
};

export function noSteps(): ReconcileSteps {
  return {
    readCatalogMs: 0,
    deriveMs: 0,
    observeMs: {},
    planMs: 0,
    storeMs: 0,
  };
}

type Step = Exclude<keyof ReconcileSteps, 'observeMs'>;

/** Runs `work`, adding the time it takes to `step`. */
export async function timeStep<T>(
  steps: ReconcileSteps,
  step: Step,
  work: () => Promise<T> | T,
): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    steps[step] += performance.now() - started;
  }
}

/** Runs a provisioner's observe, adding the time it takes to its entry. */
export async function timeObserve<T>(
  steps: ReconcileSteps,
  provisionerId: string,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    steps.observeMs[provisionerId] =
      (steps.observeMs[provisionerId] ?? 0) + performance.now() - started;
  }
}
