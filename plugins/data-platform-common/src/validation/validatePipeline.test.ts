import { Entity } from '@backstage/catalog-model';
import { cronProblem, validateDataPlatformEntity } from './validateEntity';

function aggregatePlays(): Entity & { spec: any } {
  return {
    apiVersion: 'dataplatform.io/v1alpha1',
    kind: 'Pipeline',
    metadata: { name: 'aggregate-plays-hourly' },
    spec: {
      owner: 'group:listening-insights',
      lifecycle: 'production',
      system: 'listening-history',
      engine: 'scio',
      schedule: { type: 'hourly' },
      sla: { deadline: 'PT3H' },
      inputs: ['track-played-raw', 'dataendpoint:default/users-daily'],
      outputs: ['plays-hourly'],
    },
  };
}

const paths = (entity: Entity) =>
  validateDataPlatformEntity(entity).map(p => p.path);

describe('validateDataPlatformEntity on a Pipeline', () => {
  it('accepts an hourly pipeline with SLA, inputs and outputs', () => {
    expect(validateDataPlatformEntity(aggregatePlays())).toEqual([]);
  });

  it('accepts a streaming pipeline without inputs', () => {
    const entity = aggregatePlays();
    entity.spec.engine = 'flink';
    entity.spec.schedule = { type: 'streaming' };
    delete entity.spec.inputs;
    delete entity.spec.sla;
    expect(validateDataPlatformEntity(entity)).toEqual([]);
  });

  it('accepts a cron schedule in a named time zone', () => {
    const entity = aggregatePlays();
    entity.spec.schedule = {
      type: 'cron',
      cron: '15 2 * * 1-5',
      timezone: 'Europe/Stockholm',
    };
    expect(validateDataPlatformEntity(entity)).toEqual([]);
  });

  describe('JSON Schema rules', () => {
    it('rejects an unknown engine and schedule type', () => {
      const entity = aggregatePlays();
      entity.spec.engine = 'hadoop';
      entity.spec.schedule.type = 'weekly';
      expect(paths(entity)).toEqual(['spec.engine', 'spec.schedule.type']);
    });

    it('wants the SLA deadline as an ISO 8601 duration', () => {
      const entity = aggregatePlays();
      entity.spec.sla.deadline = '3h';
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.sla.deadline',
          message: expect.stringMatching(/^must match \^P/),
        },
      ]);
    });

    it('rejects an input listed twice', () => {
      const entity = aggregatePlays();
      entity.spec.inputs = ['track-played-raw', 'track-played-raw'];
      expect(paths(entity)).toEqual(['spec.inputs']);
    });

    it('names the missing engine and schedule', () => {
      const entity = aggregatePlays();
      delete entity.spec.engine;
      delete entity.spec.schedule;
      expect(validateDataPlatformEntity(entity)).toEqual([
        { path: 'spec.engine', message: 'is required' },
        { path: 'spec.schedule', message: 'is required' },
      ]);
    });
  });

  describe('rules beyond JSON Schema', () => {
    it('wants at least one output', () => {
      const entity = aggregatePlays();
      entity.spec.outputs = [];
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.outputs',
          message: 'a pipeline must declare at least one output',
        },
      ]);
    });

    it('wants inputs and outputs to be DataEndpoints', () => {
      const entity = aggregatePlays();
      entity.spec.inputs = ['eventtype:track-played'];
      entity.spec.outputs = ['plays-hourly', 'resource:plays-bucket'];
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.inputs[0]',
          message:
            'must refer to a DataEndpoint, not an eventtype ("eventtype:track-played")',
        },
        {
          path: 'spec.outputs[1]',
          message:
            'must refer to a DataEndpoint, not a resource ("resource:plays-bucket")',
        },
      ]);
    });

    it('wants a cron expression for a cron schedule', () => {
      const entity = aggregatePlays();
      entity.spec.schedule = { type: 'cron' };
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schedule.cron',
          message: 'is required when spec.schedule.type is cron',
        },
      ]);
    });

    it('rejects a cron expression on any other schedule type', () => {
      const entity = aggregatePlays();
      entity.spec.schedule = { type: 'daily', cron: '0 3 * * *' };
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schedule.cron',
          message: 'only applies when spec.schedule.type is cron, not daily',
        },
      ]);
    });

    it('reports why a cron expression is invalid', () => {
      const entity = aggregatePlays();
      entity.spec.schedule = { type: 'cron', cron: '0 24 * * *' };
      expect(validateDataPlatformEntity(entity)).toEqual([
        {
          path: 'spec.schedule.cron',
          message: 'hour field "24" is outside 0-23',
        },
      ]);
    });

    it.each(['Mars/Olympus_Mons', 'CEST', '+01:00'])(
      'rejects %s as a time zone',
      timezone => {
        const entity = aggregatePlays();
        entity.spec.schedule.timezone = timezone;
        expect(validateDataPlatformEntity(entity)).toEqual([
          {
            path: 'spec.schedule.timezone',
            message: `is not an IANA time zone ("${timezone}")`,
          },
        ]);
      },
    );

    it.each(['UTC', 'America/New_York', 'Asia/Kolkata'])(
      'accepts %s as a time zone',
      timezone => {
        const entity = aggregatePlays();
        entity.spec.schedule.timezone = timezone;
        expect(validateDataPlatformEntity(entity)).toEqual([]);
      },
    );
  });
});

describe('cronProblem', () => {
  it.each([
    '* * * * *',
    '0 * * * *',
    '*/15 * * * *',
    '0 6,18 * * *',
    '30 2 1 * *',
    '0 0 1-7 1,4,7,10 1',
    '0 9-17/2 * * 1-5',
    '5/10 * * * *',
    '0 0 * * 7',
    '59 23 31 12 0',
    '  0  3 * * *  ',
  ])('accepts "%s"', cron => {
    expect(cronProblem(cron)).toBeUndefined();
  });

  it.each([
    [
      '0 3 * *',
      'must have 5 fields (minute hour day-of-month month day-of-week), has 4',
    ],
    [
      '0 0 3 * * *',
      'must have 5 fields (minute hour day-of-month month day-of-week), has 6',
    ],
    ['60 * * * *', 'minute field "60" is outside 0-59'],
    ['0 0 0 * *', 'day-of-month field "0" is outside 1-31'],
    ['0 0 * 13 *', 'month field "13" is outside 1-12'],
    ['0 0 * * 8', 'day-of-week field "8" is outside 0-7'],
    ['0 1-24 * * *', 'hour field "1-24" is outside 0-23'],
    ['0 25/25 * * *', 'hour field "25/25" is outside 0-23'],
    ['0 0 * * MON', 'day-of-week field "MON" is not valid'],
    ['0 0 ? * *', 'day-of-month field "?" is not valid'],
    ['0,,30 * * * *', 'minute field "0,,30" is not valid'],
    ['*/0 * * * *', 'minute field "*/0" has a step below 1'],
    ['0 17-9 * * *', 'hour field "17-9" has a range that runs backwards'],
  ])('rejects "%s": %s', (cron, message) => {
    expect(cronProblem(cron)).toBe(message);
  });
});
