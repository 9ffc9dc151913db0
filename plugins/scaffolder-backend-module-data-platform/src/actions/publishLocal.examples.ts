import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish a rendered event type into the local catalog directory (the embedded default; no git host)',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataplatform:publish:local',
          name: 'Publish to the local catalog',
          input: {
            sourcePath: 'catalog/playlist-followed.yaml',
            targetPath: 'event-types/playlist-followed.yaml',
          },
        },
      ],
    }),
  },
  {
    description:
      'Publish a new revision of an event type: the file it already lives in is updated in place',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'dataplatform:publish:local',
          name: 'Publish the new revision',
          input: {
            sourcePath: 'catalog-info.yaml',
            targetPath: 'event-types/playlist-followed.yaml',
            entityRef: 'eventtype:default/playlist-followed',
          },
        },
      ],
    }),
  },
];
