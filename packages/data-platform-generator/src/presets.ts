/** The sizes a generated platform comes in. */
export const PRESET_NAMES = ['spotify', 'large', 'medium', 'small'] as const;

/** One of {@link PRESET_NAMES}. */
export type PresetName = (typeof PRESET_NAMES)[number];

/** How many of each thing the platform has. */
export interface PlatformCounts {
  eventTypes: number;
  pipelines: number;
  /** All data endpoints: topics, raw tables and every pipeline output. */
  endpoints: number;
  /** Teams that own things; tribes, users, systems and components follow from it. */
  teams: number;
}

/** What to generate. Counts given here override the preset's. */
export interface PlatformOptions extends Partial<PlatformCounts> {
  /** Defaults to `spotify`. */
  preset?: PresetName;
  /** Same seed, same platform. Defaults to 1. */
  seed?: number;
  /** Catalog namespace of every generated entity; defaults to `default`. */
  namespace?: string;
  /**
   * Prefix of every GCP project and bucket (`<prefix>-events`,
   * `<prefix>-exports-<domain>`), so two generated platforms, or one and the
   * examples, do not claim the same OpenLineage datasets. Defaults to
   * `tunewave`, or to the namespace when that is not `default`.
   */
  projectPrefix?: string;
}

/** Options with the preset and defaults applied. */
export interface ResolvedPlatformOptions {
  preset: PresetName;
  seed: number;
  namespace: string;
  projectPrefix: string;
  counts: PlatformCounts;
  /** Hours of OpenLineage events the CLI writes by default for this size. */
  defaultEventHours: number;
}

const PRESETS: Record<
  PresetName,
  PlatformCounts & { defaultEventHours: number }
> = {
  // Spotify's published figures: ~1,800 event types, 38,000 pipelines, ~70,000 datasets.
  spotify: {
    eventTypes: 1800,
    pipelines: 38000,
    endpoints: 70000,
    teams: 300,
    defaultEventHours: 2,
  },
  large: {
    eventTypes: 180,
    pipelines: 3800,
    endpoints: 7000,
    teams: 90,
    defaultEventHours: 6,
  },
  medium: {
    eventTypes: 24,
    pipelines: 380,
    endpoints: 700,
    teams: 24,
    defaultEventHours: 24,
  },
  small: {
    eventTypes: 10,
    pipelines: 120,
    endpoints: 220,
    teams: 8,
    defaultEventHours: 48,
  },
};

/** Layers of the data flow after ingest; a pipeline of layer n reads outputs of layers below n. */
export const TRANSFORM_LAYERS = 7;

/** The preset's counts (for docs and the CLI's help). */
export function presetCounts(preset: PresetName): PlatformCounts {
  const { defaultEventHours: _hours, ...counts } = PRESETS[preset];
  return counts;
}

/**
 * Applies the preset and checks the counts fit together: every event type has
 * a topic, a raw table and an ingest pipeline, every other pipeline writes at
 * least one endpoint of its own, and each transform layer has pipelines.
 */
export function resolvePlatformOptions(
  options: PlatformOptions = {},
): ResolvedPlatformOptions {
  const preset = options.preset ?? 'spotify';
  if (!PRESETS[preset]) {
    throw new Error(
      `Unknown preset "${preset}"; expected one of ${PRESET_NAMES.join(', ')}`,
    );
  }
  const { defaultEventHours, ...base } = PRESETS[preset];
  const counts: PlatformCounts = {
    eventTypes: options.eventTypes ?? base.eventTypes,
    pipelines: options.pipelines ?? base.pipelines,
    endpoints: options.endpoints ?? base.endpoints,
    teams: options.teams ?? base.teams,
  };
  for (const [key, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${key} must be a positive integer, got ${value}`);
    }
  }
  const transforms = counts.pipelines - counts.eventTypes;
  if (transforms < 2 * TRANSFORM_LAYERS) {
    throw new Error(
      `pipelines (${counts.pipelines}) must exceed eventTypes (${
        counts.eventTypes
      }) by at least ${
        2 * TRANSFORM_LAYERS
      }: each event type has an ingest pipeline and each of the ${TRANSFORM_LAYERS} transform layers needs two`,
    );
  }
  const minimumEndpoints = 2 * counts.eventTypes + transforms;
  if (counts.endpoints < minimumEndpoints) {
    throw new Error(
      `endpoints (${counts.endpoints}) must be at least ${minimumEndpoints}: a topic and a raw table per event type plus one output per transform pipeline`,
    );
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) {
    throw new Error(`seed must be an integer, got ${seed}`);
  }
  const namespace = options.namespace ?? 'default';
  const projectPrefix =
    options.projectPrefix ?? (namespace === 'default' ? 'tunewave' : namespace);
  // GCP project ids are 6-30 characters; the longest suffix is -personalization.
  if (!/^[a-z][a-z0-9-]{1,12}[a-z0-9]$/.test(projectPrefix)) {
    throw new Error(
      `projectPrefix must be 3-14 lowercase letters, digits or hyphens, starting with a letter, got "${projectPrefix}"`,
    );
  }
  return {
    preset,
    seed,
    namespace,
    projectPrefix,
    counts,
    defaultEventHours,
  };
}
