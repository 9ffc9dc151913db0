import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register an event type published to the local catalog directory and wait for revision 1',
    example: stringify({
      steps: [
        {
          id: 'register',
          action: 'dataplatform:eventType:register',
          name: 'Register in the catalog',
          input: {
            entityRef: 'eventtype:default/playlist-followed',
            revision: 1,
            filePath:
              '/srv/backstage/local-catalog/event-types/playlist-followed.yaml',
          },
        },
      ],
    }),
  },
  {
    description:
      'Register an event type published to GitHub (after publish:github) and wait for revision 1',
    example: stringify({
      steps: [
        {
          id: 'register',
          action: 'dataplatform:eventType:register',
          name: 'Register in the catalog',
          input: {
            entityRef: 'eventtype:default/playlist-followed',
            revision: 1,
            catalogInfoUrl:
              'https://github.com/tunewave/event-types/blob/main/playlist-followed/catalog-info.yaml',
            timeoutSeconds: 120,
          },
        },
      ],
    }),
  },
];
