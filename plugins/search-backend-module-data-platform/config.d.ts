import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The schema fields of event types and data endpoints. */
      dataPlatformFields?: {
        /**
         * When the fields are collated. Defaults to every 10 minutes, the
         * first 30 seconds after start, with a 15 minute timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
