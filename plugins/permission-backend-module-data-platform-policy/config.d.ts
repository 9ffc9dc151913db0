export interface Config {
  /** Configuration of the data platform plugins. */
  dataPlatform?: {
    /**
     * Who the data platform's permission policy
     * (`@dataplatform/backstage-plugin-permission-backend-module-data-platform-policy`)
     * trusts beyond the owners of an entity. Entity refs of groups or users;
     * a bare name means a group in the default namespace
     * (`sre` is `group:default/sre`). A signed-in user belongs to a group
     * when the group is among the user's ownership refs (the sign-in
     * resolver puts the user's groups there).
     */
    permissions?: {
      /**
       * Platform administrators: they may rebuild what OpenLineage events
       * derive, list and replay the ingestion's dead letters, apply any
       * entity's provisioning plan, run any endpoint's quality checks, act
       * on any alert, and delete any catalog entity or location. Default:
       * none, so only owners change their own entities.
       */
      adminGroups?: string[];
      /**
       * On-call engineers: they may acknowledge, snooze and resolve any
       * pipeline-health alert, not only their own teams'. Default: none.
       */
      onCallGroups?: string[];
    };
  };
}
