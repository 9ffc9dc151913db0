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
    };
  };
}
