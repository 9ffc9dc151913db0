import fullEvent from './__fixtures__/example_full_event.json';
import columnLineage1 from './__fixtures__/ColumnLineageDatasetFacet__1.json';
import columnLineage2 from './__fixtures__/ColumnLineageDatasetFacet__2.json';
import {
  bigquery,
  columnLineage,
  PRODUCER,
  runEvent,
} from './__fixtures__/events';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import { OpenLineageValidator } from './OpenLineageValidator';

const validator = OpenLineageValidator.fromPackage();

/** The warnings on events the validator accepts. */
function warnings(values: unknown[]): string[] {
  return validator
    .validateAll(values)
    .warnings.map(
      w => `event ${w.index}: ${w.path} (${w.pointer}) ${w.message}`,
    );
}

function refusal(values: unknown[]): string {
  try {
    validator.validate(values);
  } catch (error) {
    expect((error as Error).name).toBe('InputError');
    return (error as Error).message;
  }
  throw new Error('expected the batch to be refused');
}

const datasetEvent = {
  eventTime: '2026-11-26T10:00:00Z',
  producer: PRODUCER,
  schemaURL:
    'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
  dataset: { ...bigquery('plays_hourly'), facets: {} },
};

const jobEvent = {
  eventTime: '2026-11-26T10:00:00Z',
  producer: PRODUCER,
  schemaURL:
    'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
  job: { namespace: 'airflow', name: 'plays-daily-aggregate' },
  inputs: [bigquery('plays_hourly')],
  outputs: [bigquery('plays_daily_by_track')],
};

describe('OpenLineageValidator', () => {
  it('accepts RunEvents, JobEvents and DatasetEvents, with their kind, time and key', () => {
    const [run, job, dataset] = validator.validate([
      runEvent({}),
      jobEvent,
      datasetEvent,
    ]);
    expect(run).toMatchObject({
      kind: 'RunEvent',
      eventTime: Date.parse('2026-11-26T10:05:00.000Z'),
    });
    expect(run.key).toMatch(/^[0-9a-f]{64}$/);
    expect(job.kind).toBe('JobEvent');
    expect(dataset.kind).toBe('DatasetEvent');
  });

  it("accepts the spec's own full example event and column-lineage facets, old and new form", () => {
    const event = (facets: object) =>
      runEvent({ outputs: [{ ...bigquery('discounts'), facets }] });
    expect(() =>
      validator.validate([
        fullEvent,
        event(columnLineage1),
        event(columnLineage2),
      ]),
    ).not.toThrow();
  });

  it('keys an event by its identity, not by the order of its fields', () => {
    const event = runEvent({});
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    const [a, b] = validator.validate([event, reordered]);
    expect(a.key).toBe(b.key);
    const others = validator.validate([
      runEvent({ eventType: 'START' }),
      runEvent({ eventTime: '2026-11-26T10:05:00.001Z' }),
      runEvent({ runId: '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5f' }),
      runEvent({ job: { namespace: 'airflow', name: 'other' } }),
      { ...event, producer: 'https://example.com/other' },
      { ...jobEvent, eventTime: event.eventTime },
    ]);
    expect(new Set([a.key, ...others.map(e => e.key)]).size).toBe(7);
  });

  it('names the event and the field when eventTime is missing', () => {
    const { eventTime, ...event } = runEvent({ eventType: 'START' });
    expect(refusal([runEvent({}), event])).toBe(
      'Invalid OpenLineage event, nothing was stored: event 1 (RunEvent, eventType START, runId 0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e, job airflow/plays-daily-aggregate): eventTime (/eventTime) is required',
    );
  });

  it('refuses an unknown eventType', () => {
    expect(refusal([runEvent({ eventType: 'DONE' })])).toContain(
      'event 0 (RunEvent, eventType DONE, runId 0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e, job airflow/plays-daily-aggregate): eventType (/eventType) must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER',
    );
  });

  it('refuses a runId that is not a UUID', () => {
    expect(refusal([runEvent({}), runEvent({ runId: 'run-42' })])).toContain(
      'event 1 (RunEvent, eventType COMPLETE, runId run-42, job airflow/plays-daily-aggregate): run.runId (/run/runId) must match format "uuid"',
    );
  });

  it('refuses a bad eventTime, and one that passes a format check but names no real instant', () => {
    const at = (eventTime: string) => refusal([{ ...runEvent({}), eventTime }]);
    expect(at('yesterday')).toContain(
      'eventTime (/eventTime) must be an RFC 3339 date-time such as 2026-11-26T10:05:00Z',
    );
    expect(at('2024-13-01T00:00:00Z')).toContain(
      'eventTime (/eventTime) has month 13',
    );
    expect(at('2024-01-01T23:59:60Z')).toContain(
      'eventTime (/eventTime) has second 60 (leap seconds are not accepted)',
    );
    expect(at('2024-02-30T00:00:00Z')).toContain(
      'eventTime (/eventTime) has day 30, which 2024-02 does not have',
    );
  });

  it('leaves out a facet whose date-time is no real instant', () => {
    const event = runEvent({
      runFacets: {
        nominalTime: {
          _producer: PRODUCER,
          _schemaURL:
            'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
          nominalStartTime: '2024-02-30T00:00:00Z',
        },
      },
    });
    expect(warnings([event])).toEqual([
      'event 0: run.facets.nominalTime (/run/facets/nominalTime) was left out, as run.facets.nominalTime.nominalStartTime must match format "date-time"',
    ]);
  });

  it('refuses names the lineage index could not store, naming the field and the limit', () => {
    const long = 'x'.repeat(513);
    expect(
      refusal([runEvent({ job: { namespace: 'airflow', name: long } })]),
    ).toContain(
      'job.name (/job/name) must be at most 512 characters (it has 513)',
    );
    expect(
      refusal([runEvent({ job: { namespace: 'airflow', name: ' ' } })]),
    ).toContain('job.name (/job/name) must not be empty or blank');
    expect(
      refusal([
        runEvent({ outputs: [{ namespace: 'bigquery', name: 'a\u0000b' }] }),
      ]),
    ).toContain(
      'outputs[0].name (/outputs/0/name) must not contain the NUL character',
    );
    expect(
      refusal([runEvent({ inputs: [{ namespace: '\uD800', name: 'plays' }] })]),
    ).toContain(
      'inputs[0].namespace (/inputs/0/namespace) must not contain a lone surrogate (half of a UTF-16 pair)',
    );
    // 400 characters of three bytes each: within the characters, not the bytes.
    expect(
      refusal([
        runEvent({ job: { namespace: 'airflow', name: '播'.repeat(400) } }),
      ]),
    ).toContain(
      'job.name (/job/name) must be at most 1024 bytes in UTF-8 (it has 1200)',
    );
    // Characters are code points, as PostgreSQL counts them: 512 emoji are
    // 1,024 UTF-16 units but 512 characters, over the bytes, not the characters.
    expect(
      refusal([
        runEvent({ job: { namespace: 'airflow', name: '🎵'.repeat(512) } }),
      ]),
    ).toContain(
      'job.name (/job/name) must be at most 1024 bytes in UTF-8 (it has 2048)',
    );
    expect(
      refusal([{ ...datasetEvent, dataset: { namespace: '', name: 'plays' } }]),
    ).toContain(
      'dataset.namespace (/dataset/namespace) must not be empty or blank',
    );
    const columns = runEvent({
      outputs: [
        {
          ...bigquery('plays_daily_by_track'),
          facets: columnLineage({
            [long]: [{ input: bigquery('plays_hourly'), field: 'play_id' }],
          }),
        },
      ],
    });
    // A column name is a facet's: the facet is left out, the event kept.
    expect(warnings([columns])).toEqual([
      `event 0: outputs[0].facets.columnLineage (/outputs/0/facets/columnLineage) was left out, as outputs[0].facets.columnLineage.fields.${long} as a column name must be at most 512 characters (it has 513)`,
    ]);
  });

  it('checks standard facets against their own schema, and leaves out those that break it', () => {
    const badNominalTime = runEvent({
      runFacets: {
        nominalTime: {
          _producer: PRODUCER,
          _schemaURL:
            'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
          nominalStartTime: 'last night',
        },
      },
    });
    const [accepted] = validator.validate([badNominalTime]);
    expect((accepted.event as { run: object }).run).toEqual({
      runId: '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e',
      facets: {},
    });
    expect(warnings([badNominalTime])).toEqual([
      'event 0: run.facets.nominalTime (/run/facets/nominalTime) was left out, as run.facets.nominalTime.nominalStartTime must match format "date-time"',
    ]);

    const badColumnLineage = runEvent({
      outputs: [
        {
          ...bigquery('plays_daily_by_track'),
          facets: {
            columnLineage: {
              _producer: PRODUCER,
              _schemaURL:
                'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json',
              fields: { streams: { inputFields: [{ name: 'plays_hourly' }] } },
            },
          },
        },
      ],
    });
    expect(warnings([badColumnLineage])).toEqual([
      'event 0: outputs[0].facets.columnLineage (/outputs/0/facets/columnLineage) was left out, as outputs[0].facets.columnLineage.fields.streams.inputFields[0].namespace is required',
    ]);
  });

  it('accepts input and output facets alone (no facet is required)', () => {
    const event = runEvent({});
    event.outputs[0].outputFacets = {
      outputStatistics: {
        _producer: PRODUCER,
        _schemaURL:
          'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json',
        rowCount: 2000,
      },
    };
    event.inputs[0].inputFacets = {};
    expect(() => validator.validate([event])).not.toThrow();
    event.outputs[0].outputFacets.outputStatistics.rowCount = 'many';
    expect(warnings([event])).toEqual([
      'event 0: outputs[0].outputFacets.outputStatistics (/outputs/0/outputFacets/outputStatistics) was left out, as outputs[0].outputFacets.outputStatistics.rowCount must be integer',
    ]);
  });

  it('places facets where the spec does: a run facet in job facets is only a base facet', () => {
    // `nominalTime` is a run facet; as a job facet it is a custom one.
    const event = runEvent({});
    event.job.facets = {
      nominalTime: { _producer: PRODUCER, _schemaURL: 'https://example.com/x' },
    };
    expect(() => validator.validate([event])).not.toThrow();
  });

  it('requires the base facet fields of custom facets, leaving out those without', () => {
    const event = runEvent({
      runFacets: { airflow: { dag: { dag_id: 'plays_daily' } } },
    });
    expect(warnings([event])).toEqual([
      'event 0: run.facets.airflow (/run/facets/airflow) was left out, as run.facets.airflow._producer is required',
    ]);
  });

  it('names a DatasetEvent and a JobEvent by what they are', () => {
    const { dataset, ...noDataset } = datasetEvent;
    expect(
      refusal([{ ...datasetEvent, dataset: { namespace: 'bigquery' } }]),
    ).toContain(
      'event 0 (DatasetEvent): dataset.name (/dataset/name) is required',
    );
    expect(refusal([{ ...jobEvent, job: { name: 'x' } }])).toContain(
      'event 0 (JobEvent): job.namespace (/job/namespace) is required',
    );
    // Its schemaURL names it a DatasetEvent.
    expect(refusal([noDataset])).toContain(
      'event 0 (DatasetEvent): dataset (/dataset) is required',
    );
    const { schemaURL, ...unnamed } = jobEvent;
    expect(refusal([{ ...unnamed, dataset }])).toContain(
      'both a JobEvent and a DatasetEvent',
    );
  });

  it('stops at the eleventh refused event: the error names ten', () => {
    const checked: number[] = [];
    const values = Array.from({ length: 10_000 }, (_, i) => ({
      get eventTime() {
        checked.push(i);
        return undefined;
      },
    }));
    const message = refusal(values);
    expect(message.match(/event \d+ \(RunEvent\)/g)).toHaveLength(10);
    expect(message).toMatch(
      /; and more among events 10 to 9999 \(not all were checked\)$/,
    );
    expect(Math.max(...checked)).toBeLessThan(20);
  });

  it('validates a batch in slices, handing the event loop back', async () => {
    const values = Array.from({ length: 3000 }, (_, i) =>
      runEvent({
        eventTime: new Date(Date.UTC(2026, 10, 26, 0, 0, i)).toISOString(),
      }),
    );
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      const verdicts = await validator.validateBatch(
        { values },
        new EventLoopBudget(1),
      );
      expect(verdicts.accepted).toHaveLength(3000);
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(1);
  });

  it('refuses values that are not objects, and lists every bad event', () => {
    const message = refusal([42, runEvent({}), null, 'x']);
    expect(message).toContain('event 0: the event must be a JSON object');
    expect(message).toContain('event 2: the event must be a JSON object');
    expect(message).toContain('event 3: the event must be a JSON object');
    expect(message).not.toContain('event 1');
  });
});
