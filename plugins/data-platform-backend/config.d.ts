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
    };
  };
}
