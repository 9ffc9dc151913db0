import { HumanDuration } from '@backstage/types';

/*
 * Every duration below takes the same forms: an object such as
 * { minutes: 10 }, an ISO 8601 duration such as PT10M, or a string such as
 * '10m' or '10 minutes'.
 */
export interface Config {
  /** Configuration of the data platform plugins. */
  dataPlatform?: {
    /** The lineage index and its sync with the catalog. */
    lineage?: {
      /**
       * How often the lineage index checks the catalog for changed entities.
       * A duration; default 20 seconds.
       */
      catalogSyncInterval?: HumanDuration | string;
      /**
       * How often a sync lists every catalog entity the index follows, rather
       * than those whose `dataplatform.io/changed-at` stamp is recent; it also
       * does whenever an entity left the catalog. A duration; default 10
       * minutes.
       */
      catalogReconcileInterval?: HumanDuration | string;
    };
    /**
     * How the plugin's read routes (lineage, health, quality, schema
     * changes) follow the catalog's read permission for the entities they
     * show.
     */
    readAccess?: {
      /**
       * How long the catalog's answer about which entities a caller may read
       * is used, when the policy's decision is conditional (rules such as
       * "owned by the user"). Within it, an answer asks the catalog only
       * about entities it was not asked about, so a read the catalog revokes
       * can still be shown for at most this long after the catalog applies
       * it. A changed policy decision applies at once. A duration; default 2
       * seconds; 0 asks the catalog on every request.
       */
      decisionTtl?: HumanDuration | string;
    };
    /** The OpenLineage ingestion endpoint and the raw event log. */
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
       * resolve against the backend's working directory. Default none.
       */
      seedFiles?: string[];
      /**
       * How precisely observed lineage edges keep `lastSeenAt`: an edge
       * written less than this before an event's time is not written again
       * (new edges and changed column transformations always are). A
       * duration; 0 writes every event's edges. Default 6 hours.
       */
      lastSeenResolution?: HumanDuration | string;
      /**
       * Most events one ingestion request may hold; more is a 413. Default
       * 10000 (OpenLineage clients send one event a request; schedulers that
       * batch send hundreds).
       */
      maxEventsPerRequest?: number;
      /**
       * How deeply an event's objects and arrays may nest, the event itself
       * being level 1; a deeper event is refused. Default 64 (the spec's
       * deepest facets nest about a dozen levels).
       */
      maxNestingDepth?: number;
      /**
       * Most datasets an event may list in its inputs, and in its outputs; an
       * event with more is refused naming the list. Default 1000.
       */
      maxDatasetsPerEvent?: number;
      /**
       * The store of refused events, which an administrator lists and
       * replays (permission `dataplatform.openlineage.admin`).
       */
      deadLetters?: {
        /** The newest this many refused events are kept. Default 10000. */
        maxEvents?: number;
        /**
         * Days a refused event is kept (pruned hourly with the raw events).
         * Default 14.
         */
        retentionDays?: number;
        /**
         * Largest refused event kept whole: bytes, or a size such as '1mb'.
         * Of a larger one only why it was refused is kept, and it cannot be
         * replayed. Default '1mb'.
         */
        maxPayloadSize?: string | number;
      };
      /**
       * Rules that turn the job and dataset names emitters send into the
       * names the catalog knows them by (a Pipeline's or DataEndpoint's
       * OpenLineage identity), applied as events are accepted and when they
       * are rebuilt. In each rule `namespace` (optional: any) and `name` are
       * regular expressions that must match the whole namespace and name;
       * `to` and `toNamespace` are the new name and namespace, in which
       * `$<group>` stands for what a named group matched. The first rule
       * that matches applies. After changing rules, rebuild
       * (`POST /openlineage/rebuild`) to map the events already stored.
       */
      mappings?: {
        /** Rules for job names, e.g. dbt-ol's shapes of one model's job. */
        jobs?: Array<{
          namespace?: string;
          name: string;
          to?: string;
          toNamespace?: string;
        }>;
        /** Rules for dataset names, inputs, outputs and column lineage alike. */
        datasets?: Array<{
          namespace?: string;
          name: string;
          to?: string;
          toNamespace?: string;
        }>;
        /**
         * Datasets left out of events (and of their column lineage), e.g.
         * the audit tables dbt test jobs write. `namespace` (optional) and
         * `name` are regular expressions that must match the whole of it.
         */
        ignoreDatasets?: Array<{ namespace?: string; name: string }>;
      };
    };
    /** Pipeline health: partitions, runs, alerts and their notifications. */
    health?: {
      /**
       * SLA of pipelines without `spec.sla.deadline`, after the end of the
       * partition period; also the staleness limit of streaming pipelines
       * without one. A duration; days count calendar days in the schedule's
       * time zone, as a pipeline's own deadline does. Default 3 hours.
       */
      defaultSla?: HumanDuration | string;
      /**
       * How far back the sweep judges partitions, adds late ones that never
       * had a run and considers open problems. A duration; default 3 days.
       */
      lookback?: HumanDuration | string;
      /**
       * A partition landed by a run that started this long after the period
       * end counts as backfilled. A duration; default 1 day.
       */
      backfillAfter?: HumanDuration | string;
      /**
       * An alert rises one severity level this long past its deadline. A
       * duration; default 2 hours.
       */
      escalateAfter?: HumanDuration | string;
      /**
       * A problem that comes back within this time after its alert resolved
       * itself reopens that alert instead of opening a new one. A duration;
       * default 1 hour.
       */
      reopenWithin?: HumanDuration | string;
      /** How often the global sweep runs. A duration; default 1 minute. */
      sweepInterval?: HumanDuration | string;
      /**
       * How long one sweep may run before it is stopped (the task's
       * timeout). Not how long a crashed instance's sweep waits: that is
       * `dataPlatform.leases.duration`. A duration; default 5 minutes.
       */
      sweepTimeout?: HumanDuration | string;
      /** Changed runs one sweep attaches at most; more wait for the next. Default 100000. */
      runsPerSweep?: number;
      /**
       * How often pipelines are synced from the catalog. A duration; default
       * 30 seconds.
       */
      catalogSyncInterval?: HumanDuration | string;
      /**
       * How often a sync lists every pipeline rather than the recently
       * changed ones (see lineage.catalogReconcileInterval). A duration;
       * default 10 minutes.
       */
      catalogReconcileInterval?: HumanDuration | string;
      /**
       * Dev mode: plays the schedulers of the catalog's pipelines and sends
       * their OpenLineage run events through the ingestion, so a fresh
       * portal has runs, alerts and notifications. Never in production.
       */
      demoFeeder?: {
        /** Whether the feeder runs. Default false. */
        enabled?: boolean;
        /**
         * Pipeline refs whose scheduler stopped (late, and late downstream).
         * Default none.
         */
        stalled?: string[];
        /** Pipeline refs whose latest partition fails, retried once. Default none. */
        failing?: string[];
        /** Days of run history sent on the first tick. Default 3. */
        historyDays?: number;
      };
    };
    /**
     * Provisioning: the infrastructure the catalog describes (BigQuery
     * datasets and tables, Pub/Sub topics, schemas, subscriptions and
     * deliveries), created and kept by the provisioners that backend
     * modules install (e.g. the Google Cloud and local-warehouse modules).
     */
    provisioning?: {
      /**
       * What the scheduled reconcile applies by itself: `none` (every plan
       * waits for an owner to apply it) or `additive` (plans whose every
       * change adds without taking away: a new table or column, a grant, a
       * longer retention, a label). Default `none`.
       */
      autoApply?: 'none' | 'additive';
      /**
       * Whether partitioned tables require a partition filter in queries.
       * Default true.
       */
      requirePartitionFilter?: boolean;
      /**
       * How often the global reconcile observes and plans every resource.
       * A duration; default 10 minutes.
       */
      reconcileInterval?: HumanDuration | string;
      /**
       * How long one reconcile may run before another instance may start
       * one (the task timeout). A duration; default 30 minutes.
       */
      reconcileTimeout?: HumanDuration | string;
      /** How long after start the first reconcile runs. A duration; default 30 seconds. */
      initialDelay?: HumanDuration | string;
      /**
       * How long one resource's apply may run; it stops before its next
       * change after that and records what it made. Not how long a
       * crashed instance's apply blocks the resource: the apply holds a
       * lease renewed while it runs (`dataPlatform.leases`), so another
       * instance may apply the resource once it runs out. A duration;
       * default 5 minutes.
       */
      applyTimeout?: HumanDuration | string;
    };
    /**
     * Data quality: the endpoints' declared checks, run in their warehouse
     * by the quality runners backend modules install (e.g. BigQuery, the
     * local warehouse), the results emitters report (dbt, Great
     * Expectations, Soda), and each endpoint's score.
     */
    quality?: {
      /** Queued partitions checked per pass. Default 50. */
      queueBatch?: number;
      /**
       * Attempts of a partition whose run failed (retried after 1, 4, 16
       * minutes) before its results say error. Default 3.
       */
      maxAttempts?: number;
      /** Weeks of partition volumes learned volume bands look back. Default 4. */
      volumeWeeks?: number;
      /** How often queued partitions are checked. A duration; default 30 seconds. */
      checkInterval?: HumanDuration | string;
      /**
       * How often partition metadata is read (freshness and volume without a
       * scan) and each table's latest partition queued. A duration; default
       * 1 hour.
       */
      metadataInterval?: HumanDuration | string;
      /**
       * The latest complete partitions of each table every metadata read
       * judges, and queues for a scan when no run checked them since they
       * completed (a partition is complete once its period, plus the longest
       * delay its freshness checks allow, has ended). Default 2.
       */
      catchUpPartitions?: number;
      /**
       * How often every endpoint's score is recomputed (also within a minute
       * of each check run, for that endpoint). A duration; default 1 hour.
       */
      scoreInterval?: HumanDuration | string;
      /** How often endpoints are synced from the catalog. A duration; default 30 seconds. */
      catalogSyncInterval?: HumanDuration | string;
      /**
       * Weights of the score's components, renormalized over those an
       * endpoint has data for. Defaults: timeliness 0.3, checks 0.35,
       * volume 0.15, stewardship 0.2.
       */
      weights?: {
        timeliness?: number;
        checks?: number;
        volume?: number;
        stewardship?: number;
      };
    };
    /**
     * How backend instances share the singleton jobs (health sweep, catalog
     * syncs, provisioning reconcile, quality passes). Each job runs under a
     * lease in the plugin's database that its holder renews while the work
     * runs; when an instance dies, another takes its jobs over within
     * `duration` + `checkInterval` (40 seconds by default).
     */
    leases?: {
      /**
       * How long a lease lasts without renewal: how long a crashed
       * instance's job waits before another instance takes it. A duration;
       * default 30 seconds.
       */
      duration?: HumanDuration | string;
      /**
       * How often a holder renews its lease while the work runs; at most
       * half of `duration`. A duration; default 10 seconds.
       */
      renewInterval?: HumanDuration | string;
      /**
       * How often each instance checks whether a job is due and free to
       * take. A duration; default 10 seconds.
       */
      checkInterval?: HumanDuration | string;
    };
    /** The gate on event type schema changes (the evolve template). */
    schemaChanges?: {
      /**
       * What happens to a schema change that removes or retypes a field
       * consumers read (by endpoint or column lineage), whatever the event
       * type's compatibility mode says: `requireDecision` (default) lets an
       * owner ship it with a recorded decision (reason, and each consumer
       * named), and notifies the consumers' owners; `refuse` never lets it
       * through the scaffolder. Read by the backend, which answers it with
       * consumer impact to the schema editor and the scaffolder's gate.
       */
      breakingConsumers?: 'refuse' | 'requireDecision';
    };
  };
}
