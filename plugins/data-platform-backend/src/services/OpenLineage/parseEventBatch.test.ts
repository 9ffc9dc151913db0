import { InputError } from '@backstage/errors';
import { parseEventBatch } from './parseEventBatch';

const events = [
  { eventType: 'START', job: { namespace: 'airflow', name: 'crème-brûlée' } },
  { eventType: 'COMPLETE', job: { namespace: 'airflow', name: '播放 🎵' } },
];

describe('parseEventBatch', () => {
  it('reads NDJSON bytes line by line, multi-byte characters included', () => {
    const text = `${JSON.stringify(events[0])}\r\n\n  ${JSON.stringify(
      events[1],
    )}\n`;
    const fromBytes = parseEventBatch(Buffer.from(text, 'utf8'), true);
    expect(fromBytes.values).toEqual(events);
    expect(fromBytes.texts).toEqual(events.map(e => JSON.stringify(e)));
    expect(parseEventBatch(text, true)).toEqual(fromBytes);
  });

  it('names the line of bad NDJSON, counting blank lines', () => {
    const body = Buffer.from(`${JSON.stringify(events[0])}\n\n{"eventType":`);
    expect(() => parseEventBatch(body, true)).toThrow(
      /^Line 3 is not valid JSON/,
    );
  });

  it('reads a JSON array or one event from bytes', () => {
    expect(
      parseEventBatch(Buffer.from(JSON.stringify(events)), false).values,
    ).toEqual(events);
    expect(
      parseEventBatch(Buffer.from(JSON.stringify(events[1])), false).values,
    ).toEqual([events[1]]);
  });

  it('refuses a body without events', () => {
    for (const [body, ndjson] of [
      [Buffer.from(' \n\r\n'), true],
      [Buffer.alloc(0), true],
      [Buffer.from('  '), false],
      ['[]', false],
    ] as const) {
      expect(() => parseEventBatch(body, ndjson)).toThrow(InputError);
      expect(() => parseEventBatch(body, ndjson)).toThrow(
        'The request holds no OpenLineage events',
      );
    }
  });
});
