import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Check the schema of a new event type (the name must be free)',
    example: stringify({
      steps: [
        {
          id: 'validate',
          action: 'dataplatform:eventType:validate',
          name: 'Validate the schema',
          input: {
            name: 'playlist-followed',
            fields: [
              { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
              { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
              {
                name: 'user_id',
                type: 'STRING',
                mode: 'REQUIRED',
                pii: 'pseudonymize',
              },
              { name: 'playlist_uri', type: 'STRING', mode: 'REQUIRED' },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Check an evolution of an existing event type under its compatibility mode (here: adding a NULLABLE field), refusing it if the event type has moved on from revision 1',
    example: stringify({
      steps: [
        {
          id: 'validate',
          action: 'dataplatform:eventType:validate',
          name: 'Check compatibility',
          input: {
            name: 'playlist-followed',
            evolve: true,
            baseRevision: 1,
            fields: [
              { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
              { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
              {
                name: 'user_id',
                type: 'STRING',
                mode: 'REQUIRED',
                pii: 'pseudonymize',
              },
              { name: 'playlist_uri', type: 'STRING', mode: 'REQUIRED' },
              {
                name: 'source',
                type: 'STRING',
                description: 'Where the follow button was.',
              },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      "Evolve an event type by removing a field that consumers read: the owner's decision names each consumer the change breaks (as the evolve template's Consumers step lists them) and says why; it is recorded and sent to the consumers' owners. Without it, or when dataPlatform.schemaChanges.breakingConsumers is refuse, the step fails naming the consumers",
    example: stringify({
      steps: [
        {
          id: 'validate',
          action: 'dataplatform:eventType:validate',
          name: 'Check compatibility and consumers',
          input: {
            name: 'playlist-followed',
            evolve: true,
            baseRevision: 1,
            fields: [
              { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
              { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
              {
                name: 'user_id',
                type: 'STRING',
                mode: 'REQUIRED',
                pii: 'pseudonymize',
              },
            ],
            consumerDecision: {
              reason:
                'playlist_uri moves to the playlist-catalog join; read it from there by 1 March',
              consumers: ['pipeline:default/follows-daily'],
            },
          },
        },
      ],
    }),
  },
];
