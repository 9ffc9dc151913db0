import type { AffectedConsumer } from './consumerImpact';
import { diffSchemas } from './diffSchemas';
import {
  breakingChanges,
  breaksConsumers,
  consumerGate,
  decidedConsumers,
} from './consumerGate';

const consumer = (title: string): AffectedConsumer => ({
  id: `pipeline:default/${title}`,
  kind: 'Pipeline',
  title,
  owner: `group:default/${title}-team`,
  evidence: 'column',
  through: {
    endpoint: 'dataendpoint:default/track-played-raw',
    endpointTitle: 'track-played-raw',
    column: 'ms_played',
  },
  columns: [`dataendpoint:default/${title}-out#ms`],
});

const before = [
  { name: 'ms_played', type: 'INT64' as const },
  { name: 'tags', type: 'STRING' as const, mode: 'REPEATED' as const },
  { name: 'note', type: 'STRING' as const },
];

describe('consumerGate', () => {
  it('counts removals, retypes, renames and array changes as breaking, not PII or NULLABLE changes', () => {
    const changes = diffSchemas(before, [
      { name: 'tags', type: 'STRING' },
      { name: 'note', type: 'STRING', pii: 'drop', mode: 'REQUIRED' },
    ]);
    const kinds = Object.fromEntries(
      changes.map(c => [`${c.path} ${c.kind}`, breaksConsumers(c)]),
    );
    expect(kinds).toMatchObject({
      'ms_played field-removed': true,
      'tags mode-changed': true,
      'note pii-changed': false,
      'note mode-changed': false,
    });
  });

  const removal = diffSchemas(before, before.slice(1));
  const breaking = breakingChanges([
    {
      change: removal[0],
      consumers: [consumer('royalties'), consumer('charts')],
    },
    // A breaking change nobody reads does not need a decision.
    { change: { ...removal[0], path: 'unread' }, consumers: [] },
  ]);

  it('lets a change that breaks no consumer through', () => {
    expect(breaking).toHaveLength(1);
    expect(consumerGate({ breaking: [], policy: 'refuse' }).status).toBe(
      'clear',
    );
  });

  it('refuses a consumer-breaking change when the policy says refuse, decision or not', () => {
    const verdict = consumerGate({
      breaking,
      policy: 'refuse',
      decision: {
        reason: 'royalties moved to the new duration field',
        consumers: ['pipeline:default/royalties', 'pipeline:default/charts'],
      },
    });
    expect(verdict).toEqual({
      status: 'refused',
      message: expect.stringContaining(
        'ms_played (removed (NULLABLE INT64)) is read by royalties, charts',
      ),
    });
  });

  it('needs a decision that names every broken consumer and gives a reason', () => {
    expect(consumerGate({ breaking, policy: 'requireDecision' })).toMatchObject(
      {
        status: 'needs-decision',
        missing: ['pipeline:default/royalties', 'pipeline:default/charts'],
        message: expect.stringContaining('breaks 2 consumers'),
      },
    );
    expect(
      consumerGate({
        breaking,
        policy: 'requireDecision',
        decision: {
          reason: 'royalties moved to the new duration field',
          consumers: ['pipeline:default/royalties'],
        },
      }),
    ).toMatchObject({
      status: 'needs-decision',
      missing: ['pipeline:default/charts'],
    });
    expect(
      consumerGate({
        breaking,
        policy: 'requireDecision',
        decision: {
          reason: ' ok ',
          consumers: ['pipeline:default/royalties', 'pipeline:default/charts'],
        },
      }).status,
    ).toBe('needs-decision');
    expect(
      consumerGate({
        breaking,
        policy: 'requireDecision',
        decision: {
          reason: 'royalties moved to the new duration field',
          consumers: ['pipeline:default/royalties', 'pipeline:default/charts'],
        },
      }),
    ).toEqual({ status: 'decided' });
  });

  it('names each decided consumer with its owner, fields and path', () => {
    expect(decidedConsumers(breaking)).toEqual([
      {
        id: 'pipeline:default/royalties',
        title: 'royalties',
        owner: 'group:default/royalties-team',
        paths: ['ms_played'],
        through: 'track-played-raw#ms_played -> royalties-out#ms',
      },
      expect.objectContaining({ title: 'charts' }),
    ]);
  });
});
