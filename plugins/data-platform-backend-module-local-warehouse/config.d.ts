import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the data platform plugins. */
  dataPlatform?: {
    /**
     * The local warehouse: the embedded stand-in for BigQuery that
     * provisioning creates tables in when no cloud is configured.
     */
    localWarehouse?: {
      /**
       * The warehouse's own database, separate from the plugin's (same form
       * as backend.database). Default: one that lives as long as
       * backend.database, where the provisioning state is kept: SQLite in
       * memory when it is in memory; `local-warehouse.sqlite` in its
       * directory when it is SQLite on disk; in memory, with a warning at
       * start, when it is PostgreSQL.
       */
      database?: {
        /** `better-sqlite3` (default) or `pg`. */
        client?: 'better-sqlite3' | 'pg';
        /**
         * SQLite: `:memory:` (default) or a file path, relative to the
         * backend's working directory (also `{ filename }`). PostgreSQL: a
         * connection string or knex's connection object (host, port, user,
         * password, database); the database must exist.
         * @visibility secret
         */
        connection?: string | { [key: string]: unknown };
      };
      /**
       * The key of the keyed hash (HMAC-SHA256) that pseudonymizes PII
       * fields on delivery, at least 16 characters. The default is a
       * published dev key that protects nothing: set your own wherever real
       * personal data lands.
       * @visibility secret
       */
      pseudonymizationKey?: string;
      /** The dev portal's demo delivery. Never in production. */
      demoDelivery?: {
        /**
         * Lands a few sample events (five a minute) through each delivery
         * into its table, so tables fill without a Pub/Sub, and sample rows
         * into the output partition of each completed OpenLineage run whose
         * output is a table here (derived tables, written when their
         * pipeline's run completes). Default false.
         */
        enabled?: boolean;
      };
      /** Deletion of expired partitions. */
      retention?: {
        /**
         * How often expired partitions are deleted: an object such as
         * { hours: 1 }, an ISO 8601 duration such as PT1H, or a string such
         * as '1h'. Default 1 hour.
         */
        interval?: HumanDuration | string;
      };
    };
  };
}
