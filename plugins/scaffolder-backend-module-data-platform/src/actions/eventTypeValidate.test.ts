import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { playlistFollowed } from '../testing/eventTypes';
import { createEventTypeValidateAction } from './eventTypeValidate';
import { examples } from './eventTypeValidate.examples';

const exampleInput = (index: number) =>
  parse(examples[index].example).steps[0].input;

async function run(
  input: Record<string, unknown>,
  entities = [playlistFollowed()],
  isDryRun = false,
) {
  const action = createEventTypeValidateAction({
    catalog: catalogServiceMock({ entities }),
  });
  // createMockActionContext drops isDryRun.
  const ctx = { ...createMockActionContext({ input: input as any }), isDryRun };
  await action.handler(ctx as any);
  return ctx;
}

describe('dataplatform:eventType:validate', () => {
  it('example 1: a new event type with a free name gets revision 1', async () => {
    const ctx = await run(exampleInput(0), []);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'eventtype:default/playlist-followed',
    );
    expect(ctx.output).toHaveBeenCalledWith('revision', 1);
    expect(ctx.output).toHaveBeenCalledWith('compatible', true);
  });

  it('example 2: an evolution adding a NULLABLE field is BACKWARD compatible', async () => {
    const ctx = await run(exampleInput(1));
    expect(ctx.output).toHaveBeenCalledWith('revision', 2);
    expect(ctx.output).toHaveBeenCalledWith('report', {
      mode: 'BACKWARD',
      compatible: true,
      checkedAgainst: [1],
      changes: [
        {
          kind: 'field-added',
          path: 'source',
          description: 'added (NULLABLE STRING)',
          backward: true,
          forward: true,
        },
      ],
      issues: [],
    });
  });

  it('refuses a new event type whose name is taken', async () => {
    await expect(run(exampleInput(0))).rejects.toThrow(
      'eventtype:default/playlist-followed already exists; evolve its schema with the "Evolve an event type\'s schema" template',
    );
  });

  it('refuses an incompatible change with every reason, whatever the form said', async () => {
    const input = exampleInput(1);
    input.fields[2] = { name: 'user_id', type: 'INT64', mode: 'REQUIRED' };
    input.fields.push({ name: 'country', type: 'STRING', mode: 'REQUIRED' });
    await expect(run(input)).rejects.toThrow(
      'The new schema of eventtype:default/playlist-followed is not BACKWARD compatible: user_id: type STRING -> INT64 is not BACKWARD compatible; country: added (REQUIRED STRING) is not BACKWARD compatible',
    );
  });

  it('checks against every earlier revision under a transitive mode', async () => {
    const entity = playlistFollowed({ revision: 2 });
    entity.spec.schema.compatibility = 'BACKWARD_TRANSITIVE';
    entity.spec.schema.history = [
      {
        revision: 1,
        fields: [
          ...entity.spec.schema.fields,
          { name: 'source', type: 'BOOL' },
        ],
      },
    ];
    const input = { ...exampleInput(1), baseRevision: 2 };
    await expect(run(input, [entity])).rejects.toThrow(
      'source: type BOOL -> STRING is not BACKWARD compatible with revision 1',
    );
  });

  it('refuses an edit made on a revision the event type has moved on from', async () => {
    await expect(
      run(exampleInput(1), [playlistFollowed({ revision: 2 })]),
    ).rejects.toThrow(
      'is at schema revision 2 now, but the change was made on revision 1',
    );
  });

  it('refuses fields that break BigQuery rules, naming each', async () => {
    const input = exampleInput(0);
    input.fields.push(
      { name: 'user-agent', type: 'STRING' },
      { name: 'USER_ID', type: 'STRING' },
    );
    await expect(run(input, [])).rejects.toThrow(
      'The schema of playlist-followed is not valid: fields[4].name: may contain only letters, digits and underscores; fields[5].name: duplicates the name of user_id; names are case-insensitive',
    );
  });

  it('gives the same verdict in a dry run', async () => {
    const ctx = await run(exampleInput(1), [playlistFollowed()], true);
    expect(ctx.output).toHaveBeenCalledWith('revision', 2);
  });
});
