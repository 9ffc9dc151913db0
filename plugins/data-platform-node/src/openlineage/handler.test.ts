import type { ValidatedEvent } from './events';
import { preparedFor } from './handler';

const event = (prepared?: Map<string, unknown>): ValidatedEvent => ({
  kind: 'DatasetEvent',
  key: 'k1',
  eventTime: 0,
  prepared,
  event: {
    eventTime: '2026-11-26T10:05:00.000Z',
    producer: 'https://example.com/producer',
    schemaURL:
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
    dataset: { namespace: 'bigquery', name: 'acme.listening.plays' },
  },
});

describe('preparedFor', () => {
  const handler = {
    name: 'dataset-names',
    prepare: jest.fn((e: ValidatedEvent) =>
      e.kind === 'DatasetEvent' ? e.event.dataset.name : undefined,
    ),
  };

  beforeEach(() => handler.prepare.mockClear());

  it('hands out what the ingestor prepared for this handler', () => {
    const prepared = new Map([
      ['dataset-names', 'as prepared'],
      ['other-handler', 'not this one'],
    ]);
    expect(preparedFor(event(prepared), handler)).toBe('as prepared');
    expect(handler.prepare).not.toHaveBeenCalled();
  });

  it('prepares an event that comes unprepared, as a rebuild replays it', () => {
    expect(preparedFor(event(), handler)).toBe('acme.listening.plays');
    expect(preparedFor(event(new Map([['other-handler', 1]])), handler)).toBe(
      'acme.listening.plays',
    );
    expect(handler.prepare).toHaveBeenCalledTimes(2);
  });

  it('keeps a prepared undefined rather than preparing again', () => {
    const prepared = new Map([['dataset-names', undefined]]);
    expect(preparedFor(event(prepared), handler)).toBeUndefined();
    expect(handler.prepare).not.toHaveBeenCalled();
  });
});
