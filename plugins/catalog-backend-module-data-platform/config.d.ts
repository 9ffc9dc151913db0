export interface Config {
  catalog?: {
    processors?: {
      /**
       * Options of the data platform's catalog processor
       * (@dataplatform/backstage-plugin-catalog-backend-module-data-platform).
       */
      dataPlatform?: {
        /**
         * Also emit the stock `dependsOn`/`dependencyOf` relations along the
         * data flow, next to the data platform's own ones: a Pipeline depends
         * on its inputs, an output DataEndpoint on the Pipeline writing it, a
         * DataEndpoint on its EventType, an EventType on its producing
         * Components. Off by default: the lineage is already in
         * readsFrom/writesTo and friends, and the extra pair doubles the
         * relation rows and draws every lineage edge twice in catalog-graph.
         * Switch it on when stock tooling that only follows dependsOn (a
         * catalog-graph restricted to it, dependency-based scorecards) should
         * see the data flow.
         */
        dependencyRelations?: boolean;
      };
    };
  };
}
