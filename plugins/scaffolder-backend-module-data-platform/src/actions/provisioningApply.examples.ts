import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Provision a registered event type's topic, raw table and delivery (a dry run prints the plan of the rendered YAML)",
    example: stringify({
      steps: [
        {
          id: 'provision',
          action: 'dataplatform:provisioning:apply',
          name: 'Provision the topic and the table',
          input: {
            entityRefs: ['eventtype:default/playlist-followed'],
            renderedYaml: '${{ steps.render.output.yaml }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Provision two entities already in the catalog, waiting up to three minutes for them',
    example: stringify({
      steps: [
        {
          id: 'provision',
          action: 'dataplatform:provisioning:apply',
          name: 'Provision the infrastructure',
          input: {
            entityRefs: [
              'eventtype:default/playlist-followed',
              'dataendpoint:default/playlist-follows-daily',
            ],
            timeoutSeconds: 180,
          },
        },
      ],
    }),
  },
];
