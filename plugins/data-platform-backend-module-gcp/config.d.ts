export interface Config {
  dataPlatform?: {
    /**
     * Provisioning on Google Cloud: BigQuery datasets and tables, Pub/Sub
     * topics, schemas, subscriptions and deliveries; quality checks in
     * BigQuery. Without this block the module registers no provisioner and
     * no quality runner.
     */
    gcp?: {
      /**
       * The projects whose resources this provisioner creates and keeps; a
       * resource in another project is left to other provisioners. Default:
       * every project the catalog names.
       */
      projects?: string[];
      /**
       * The BigQuery location of the datasets it creates, e.g. `EU`, `US`,
       * `europe-west1`. Existing datasets are read where they are. Default
       * `US`, BigQuery's own default.
       */
      location?: string;
      /**
       * Policy tags (resource names,
       * `projects/P/locations/L/taxonomies/T/policyTags/G`) set on the
       * columns of each PII classification. Without them no policy tags are
       * set or planned.
       */
      policyTags?: {
        /** The tag of columns marked `pseudonymize`. */
        pseudonymize?: string;
        /** The tag of columns marked `encrypt`. */
        encrypt?: string;
        /** The tag of columns marked `drop` (tables that keep them: not delivered ones). */
        drop?: string;
      };
      /**
       * The e-mail domain of Google groups and users named like their
       * catalog entities, for principals whose entity has no
       * `spec.profile.email`: `group:default/analysts` becomes
       * `group:analysts@<domain>`. Without it such principals are refused
       * in plans.
       */
      principalDomain?: string;
      /**
       * Read IAM policies when observing (one getIamPolicy call per table,
       * topic and subscription; Google has no bulk read of them). Off by
       * default: plans then list every grant the catalog asks for, and
       * apply reads each policy and skips grants already held.
       */
      observeAccess?: boolean;
      /** Deliveries of event types from their topics into their raw tables. */
      delivery?: {
        /**
         * The key of the pseudonymization transform (at least 16
         * characters). It is written into the transform's code, which anyone
         * who may view the subscription can read. Without it no deliveries
         * are provisioned.
         *
         * @visibility secret
         */
        pseudonymizationKey?: string;
        /**
         * The service account the BigQuery subscriptions write as. Default:
         * the project's Pub/Sub service agent.
         */
        serviceAccountEmail?: string;
      };
      /** Quality checks run in BigQuery on the tables of these projects. */
      quality?: {
        /**
         * The most bytes one check query may bill, in bytes. A query
         * whose dry run would scan more is not run (its checks fail with
         * the sizes); every job is sent with it as `maximumBytesBilled`,
         * so BigQuery stops one that would bill more. A check run sends
         * at most two queries (the scan, and duplicate composite keys);
         * partition metadata queries carry the same cap. At least 10 MiB
         * (10485760), what BigQuery bills a query at least. Default
         * 10 GiB (10737418240).
         */
        maximumBytesBilled?: number;
      };
    };
  };
}
