export interface Config {
  dataPlatform?: {
    /** Settings of the data platform's scaffolder actions. */
    scaffolder?: {
      /**
       * A directory the catalog reads, standing in for a git host: where
       * `dataplatform:publish:local` writes the catalog files of registered
       * event types. Relative paths are resolved from the backend's working
       * directory (packages/backend under `yarn start`). The catalog must
       * read it through a `file` location with a glob, e.g.
       * `{ type: file, target: ../../local-catalog/**\/*.yaml }` under
       * `catalog.locations`. Leave unset in production, where templates
       * publish with publish:github and register with catalog:register or
       * `dataplatform:eventType:register` with a URL.
       */
      localCatalog?: {
        directory: string;
      };
      /** Where the landing endpoints of new event types are rendered to live. */
      landing?: {
        /** GCP project of the landing Pub/Sub topics. Default tunewave-events. */
        pubsubProject?: string;
        /** GCP project of the raw BigQuery tables. Default tunewave-raw. */
        bigqueryProject?: string;
        /** BigQuery dataset of the raw tables. Default events. */
        bigqueryDataset?: string;
        /** Days a landing topic retains messages. Default 7. */
        topicRetentionDays?: number;
      };
    };
  };
}
