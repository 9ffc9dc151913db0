import { bigquery, PRODUCER, runEvent } from './__fixtures__/events';
import { NameMappings } from './NameMappings';
import { OpenLineageValidator } from './OpenLineageValidator';

const validator = OpenLineageValidator.fromPackage({ maxDatasetsPerEvent: 3 });
const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/';
const RUN = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e';

/** The one event's verdict: what was accepted and said, or why it was refused. */
function verdictOn(value: unknown, text?: string) {
  const verdict = validator.check(value, 0, text, false);
  if ('refused' in verdict) {
    return {
      refused: `${verdict.refused.path} (${verdict.refused.pointer}) ${verdict.refused.message}`,
    };
  }
  return {
    kind: verdict.accepted.kind,
    event: verdict.accepted.event,
    text: verdict.accepted.text,
    key: verdict.accepted.key,
    warnings: verdict.warnings.map(w => `${w.path} ${w.message}`),
  };
}

describe('OpenLineageValidator, lenient where emitters are', () => {
  it('leaves out a facet that breaks its schema, keeps the event and what was sent', () => {
    const event = runEvent({});
    event.outputs[0].facets = {
      dataSource: {
        _producer: PRODUCER,
        _schemaURL:
          'https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json',
        name: 'warehouse',
        uri: 'not a uri',
      },
    };
    const text = JSON.stringify(event);
    const verdict = verdictOn(event, text);
    expect(verdict).toMatchObject({
      kind: 'RunEvent',
      warnings: [
        'outputs[0].facets.dataSource was left out, as outputs[0].facets.dataSource.uri must match format "uri"',
      ],
      // The raw event log keeps what was sent; handlers see it without.
      text,
    });
    expect(verdict.event.outputs[0].facets).toEqual({});
    // The caller's event is not changed.
    expect(event.outputs[0].facets.dataSource.uri).toBe('not a uri');
  });

  it('takes what was sent as the raw text when the event came without one', () => {
    const event = runEvent({ runFacets: { broken: { dag: 'x' } } });
    const verdict = verdictOn(event);
    expect(JSON.parse(verdict.text!)).toEqual(event);
    expect(verdict.event.run.facets).toEqual({});
  });

  it('leaves out a facets container that is no object', () => {
    const event = runEvent({});
    event.run.facets = 'none';
    expect(verdictOn(event)).toMatchObject({
      warnings: ['run.facets was left out, as run.facets must be object'],
    });
  });

  it('refuses an event whose core breaks the schema, even with broken facets beside it', () => {
    const event = runEvent({ runId: 'run-42', runFacets: { broken: {} } });
    expect(verdictOn(event)).toEqual({
      refused: 'run.runId (/run/runId) must match format "uuid"',
    });
  });

  it('reads an eventTime without a zone as UTC, and says so', () => {
    const verdict = verdictOn(runEvent({ eventTime: '2026-11-26T10:05:00' }));
    expect(
      validator.validate([runEvent({ eventTime: '2026-11-26T10:05:00' })])[0]
        .eventTime,
    ).toBe(Date.UTC(2026, 10, 26, 10, 5));
    expect(verdict).toMatchObject({
      warnings: ['eventTime has no time zone: read as UTC'],
    });
  });

  it('accepts an event without schemaURL, its kind from its fields', () => {
    const { schemaURL, ...event } = runEvent({});
    expect(verdictOn(event)).toMatchObject({ kind: 'RunEvent', warnings: [] });
  });

  it('takes the kind its schemaURL names: a JobEvent carrying an eventType is a JobEvent', () => {
    const { run, ...withoutRun } = runEvent({ eventType: 'COMPLETE' });
    const jobEvent = { ...withoutRun, schemaURL: `${SPEC}JobEvent` };
    expect(verdictOn(jobEvent)).toMatchObject({
      kind: 'JobEvent',
      warnings: [],
    });
    expect(
      verdictOn({ ...runEvent({}), schemaURL: `${SPEC}JobEvent` }),
    ).toEqual({
      refused:
        'run (/run) has no place in a JobEvent, which its schemaURL names',
    });
    // The legacy form of the fragment names it too.
    expect(
      verdictOn({
        ...withoutRun,
        schemaURL:
          'https://openlineage.io/spec/1-0-5/OpenLineage.json#/definitions/JobEvent',
      }),
    ).toMatchObject({ kind: 'JobEvent' });
  });

  it('makes run ids canonical: upper case and urn:uuid: forms are one run, one event', () => {
    const forms = [
      RUN,
      RUN.toUpperCase(),
      `urn:uuid:${RUN}`,
      `URN:UUID:${RUN.toUpperCase()}`,
    ];
    const verdicts = forms.map(runId => verdictOn(runEvent({ runId })));
    for (const verdict of verdicts) {
      expect(verdict.event.run.runId).toBe(RUN);
      expect(verdict.key).toBe(verdicts[0].key);
    }
    const parent = runEvent({
      runFacets: {
        parent: {
          _producer: PRODUCER,
          _schemaURL:
            'https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json',
          run: { runId: `urn:uuid:${RUN.toUpperCase()}` },
          job: { namespace: 'airflow', name: 'plays_daily' },
        },
      },
    });
    expect(verdictOn(parent).event.run.facets.parent.run.runId).toBe(RUN);
  });

  it('refuses the nil run id, which names no run', () => {
    expect(
      verdictOn(
        runEvent({ runId: 'urn:uuid:00000000-0000-0000-0000-000000000000' }),
      ),
    ).toEqual({
      refused:
        'run.runId (/run/runId) must not be the nil UUID, which names no run',
    });
  });

  it('refuses empty job and dataset names, naming the field', () => {
    expect(
      verdictOn(runEvent({ job: { namespace: 'airflow', name: '' } })),
    ).toEqual({ refused: 'job.name (/job/name) must not be empty or blank' });
    expect(
      verdictOn(runEvent({ inputs: [{ namespace: 'bigquery', name: '' }] })),
    ).toEqual({
      refused: 'inputs[0].name (/inputs/0/name) must not be empty or blank',
    });
  });

  it('refuses an event listing more datasets than maxDatasetsPerEvent, naming the list', () => {
    const many = Array.from({ length: 4 }, (_, i) => bigquery(`t${i}`));
    expect(verdictOn(runEvent({ inputs: many }))).toEqual({
      refused:
        'inputs (/inputs) lists 4 datasets; an event may list at most 3 (dataPlatform.openLineage.maxDatasetsPerEvent)',
    });
    expect(verdictOn(runEvent({ outputs: many.slice(1) }))).toMatchObject({
      kind: 'RunEvent',
    });
  });

  it('counts the datasets before checking them: 200,000 broken ones are refused by their number', () => {
    const many = Array.from({ length: 200_000 }, i => ({
      namespace: 'bigquery',
      name: i,
    }));
    expect(verdictOn({ ...runEvent({}), inputs: many })).toEqual({
      refused:
        'inputs (/inputs) lists 200000 datasets; an event may list at most 3 (dataPlatform.openLineage.maxDatasetsPerEvent)',
    });
  });

  it('leaves out a facet with 100,000 broken fields, naming its first problem', () => {
    const event = runEvent({});
    event.outputs[0].facets = {
      schema: {
        _producer: PRODUCER,
        _schemaURL:
          'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json',
        fields: Array.from({ length: 100_000 }, (_, i) => ({ name: i })),
      },
    };
    expect(verdictOn(event)).toMatchObject({
      warnings: [
        'outputs[0].facets.schema was left out, as outputs[0].facets.schema.fields[0].name must be string',
      ],
    });
  });

  it('leaves out every broken facet, naming twenty and counting the rest; past 1,000 it refuses the event', () => {
    const broken = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`custom~${i}`, { x: i }]),
      );
    const event = runEvent({ runFacets: broken(30) });
    const verdict = verdictOn(event);
    expect(verdict.event.run.facets).toEqual({});
    expect(verdict.warnings).toHaveLength(21);
    expect(verdict.warnings?.[0]).toBe(
      'run.facets.custom~0 was left out, as run.facets.custom~0._producer is required',
    );
    expect(verdict.warnings?.[20]).toBe(
      ' had 10 more facets that break their schema, left out too',
    );
    expect(verdictOn(runEvent({ runFacets: broken(1001) }))).toEqual({
      refused: ' () has more than 1000 facets that break their schema',
    });
  });

  it('refuses an event nested deeper than maxNestingDepth without recursing into it', () => {
    let deep: Record<string, unknown> = {};
    const event = runEvent({ runFacets: { custom: deep } });
    for (let i = 0; i < 10_000; i++) deep = deep.a = {};
    expect(verdictOn(event)).toEqual({
      refused:
        ' () nests objects and arrays deeper than 64 levels (dataPlatform.openLineage.maxNestingDepth)',
    });
  });

  it('keys an event by the names it was sent with, and refuses one a mapping rule leaves without a name', () => {
    const mapped = OpenLineageValidator.fromPackage(
      {},
      new NameMappings({
        jobs: [
          { name: 'plays-daily-aggregate', to: 'plays_daily' },
          { name: 'scratch-(?<n>.*)', to: '$<missing>' },
        ],
        datasets: [],
        ignoreDatasets: [],
      }),
    );
    const event = runEvent({});
    const [asMapped] = mapped.validate([event]);
    const [asSent] = validator.validate([event]);
    expect(asMapped.event).toMatchObject({
      job: { namespace: 'airflow', name: 'plays_daily' },
    });
    expect(asMapped.key).toBe(asSent.key);
    const verdict = mapped.check(
      runEvent({ job: { namespace: 'airflow', name: 'scratch-1' } }),
      0,
      undefined,
      false,
    );
    expect(verdict).toMatchObject({
      refused: {
        pointer: '/job/name',
        message:
          'must not be empty or blank, as dataPlatform.openLineage.mappings name it',
      },
    });
  });
});
