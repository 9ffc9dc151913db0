import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the data platform plugins. */
  dataPlatform?: {
    lineage?: {
      /**
       * How often the lineage index checks the catalog for changed entities.
       * A HumanDuration object such as { seconds: 20 }; default 20 seconds.
       */
      catalogSyncInterval?: HumanDuration | string;
      /**
       * How often a sync lists every catalog entity the index follows, rather
       * than those whose `dataplatform.io/changed-at` stamp is recent; it also
       * does whenever an entity left the catalog. Default { minutes: 10 }.
       */
      catalogReconcileInterval?: HumanDuration | string;
    };
    openLineage?: {
      /**
       * The OpenLineage job namespace a Pipeline has when it carries no
       * `dataplatform.io/openlineage-namespace` annotation. Default `default`.
       */
      defaultJobNamespace?: string;
      /**
       * Largest request body the ingestion endpoint reads (after gzip
       * decompression): bytes, or a size such as '10mb'. Larger bodies get
       * a 413. Default '10mb'.
       */
      maxBodySize?: string | number;
      /**
       * Days raw OpenLineage events are kept after they were received (the
       * source a lineage rebuild replays). Pruned hourly by a global task.
       * Default 30.
       */
      retentionDays?: number;
      /**
       * NDJSON files of OpenLineage events ingested when the backend starts
       * (dev mode: the example platform's runs). Idempotent. Relative paths
       * resolve against the backend's working directory.
       */
      seedFiles?: string[];
      /**
       * How precisely observed lineage edges keep `lastSeenAt`: an edge
       * written less than this before an event's time is not written again
       * (new edges and changed column transformations always are). A
       * HumanDuration such as { hours: 6 } (the default), or an ISO duration.
       */
      lastSeenResolution?: HumanDuration | string;
    };
    health?: {
      /**
       * SLA of pipelines without `spec.sla.deadline`: ISO 8601 duration
       * after the end of the partition period; also the staleness limit of
       * streaming pipelines without one. Default PT3H.
       */
      defaultSla?: string;
      /**
       * How far back the sweep judges partitions, adds late ones that never
       * had a run and considers open problems (ISO 8601 duration). Default P3D.
       */
      lookback?: string;
      /**
       * A partition landed by a run that started this long after the period
       * end counts as backfilled. Default P1D.
       */
      backfillAfter?: string;
      /** An alert rises one severity level this long past its deadline. Default PT2H. */
      escalateAfter?: string;
      /**
       * A problem that comes back within this time after its alert resolved
       * itself reopens that alert instead of opening a new one. Default PT1H.
       */
      reopenWithin?: string;
      /** How often the global sweep runs. Default PT1M. */
      sweepInterval?: string;
      /**
       * How long a sweep may run before another instance may take over its
       * lease (also the task timeout). Default PT5M.
       */
      sweepTimeout?: string;
      /** Changed runs one sweep attaches at most; more wait for the next. Default 100000. */
      runsPerSweep?: number;
      /** How often pipelines are synced from the catalog. Default PT30S. */
      catalogSyncInterval?: string;
      /**
       * How often a sync lists every pipeline rather than the recently
       * changed ones (see lineage.catalogReconcileInterval). Default PT10M.
       */
      catalogReconcileInterval?: string;
      /**
       * Dev mode: plays the schedulers of the catalog's pipelines and sends
       * their OpenLineage run events through the ingestion, so a fresh
       * portal has runs, alerts and notifications. Never in production.
       */
      demoFeeder?: {
        /** Default false. */
        enabled?: boolean;
        /** Pipeline refs whose scheduler stopped (late, and late downstream). */
        stalled?: string[];
        /** Pipeline refs whose latest partition fails, retried once. */
        failing?: string[];
        /** Days of run history sent on the first tick. Default 3. */
        historyDays?: number;
      };
    };
  };
}
