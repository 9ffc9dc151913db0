import { InputError } from '@backstage/errors';
import { EventLoopBudget } from '../../eventLoop/EventLoopBudget';
import { eventBodyFormat, parseEventBatch } from './parseEventBatch';

const events = [
  { eventType: 'START', job: { namespace: 'airflow', name: 'crème-brûlée' } },
  { eventType: 'COMPLETE', job: { namespace: 'airflow', name: '播放 🎵' } },
];
const ndjson = { ndjson: true };
const json = { ndjson: false };

/** `{"a":{"a":...{}}}`, `depth` objects deep. */
const nested = (depth: number) =>
  `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

describe('parseEventBatch', () => {
  it('reads NDJSON bytes line by line, multi-byte characters included', async () => {
    const text = `${JSON.stringify(events[0])}\r\n\n  ${JSON.stringify(
      events[1],
    )}\n`;
    const fromBytes = await parseEventBatch(Buffer.from(text, 'utf8'), ndjson);
    expect(fromBytes.values).toEqual(events);
    expect(fromBytes.texts).toEqual(events.map(e => JSON.stringify(e)));
    expect(await parseEventBatch(text, ndjson)).toEqual(fromBytes);
  });

  it('leaves a line of bad NDJSON unread, naming the line, and reads the others', async () => {
    const body = Buffer.from(
      `${JSON.stringify(events[0])}\n\n{"eventType":\n${JSON.stringify(
        events[1],
      )}`,
    );
    const batch = await parseEventBatch(body, ndjson);
    expect(batch.values).toEqual([events[0], undefined, events[1]]);
    expect(batch.texts![1]).toBe('{"eventType":');
    expect(batch.unreadable!.get(1)).toMatch(
      /^is not valid JSON \(line 3: .*\); NDJSON needs one event per line$/,
    );
  });

  it('ignores a byte order mark at the start, of JSON and NDJSON alike', async () => {
    const bom = '\uFEFF';
    expect(
      (await parseEventBatch(`${bom}${JSON.stringify(events)}`, json)).values,
    ).toEqual(events);
    expect(
      (await parseEventBatch(`${bom}${JSON.stringify(events[0])}`, json))
        .values,
    ).toEqual([events[0]]);
    expect(
      (
        await parseEventBatch(
          `${bom}${JSON.stringify(events[0])}\n${bom}${JSON.stringify(
            events[1],
          )}`,
          ndjson,
        )
      ).values,
    ).toEqual(events);
  });

  it('reads a JSON array or one event from bytes, keeping the text of each', async () => {
    const array = await parseEventBatch(
      Buffer.from(
        `[ ${JSON.stringify(events[0])} ,\n${JSON.stringify(events[1])}]`,
      ),
      json,
    );
    expect(array.values).toEqual(events);
    expect(array.texts).toEqual(events.map(e => JSON.stringify(e)));
    expect(
      (await parseEventBatch(Buffer.from(JSON.stringify(events[1])), json))
        .values,
    ).toEqual([events[1]]);
  });

  it('splits an array by its own commas, not those in strings or nested values', async () => {
    const tricky = [
      { name: 'a,b]}', quote: 'say "[x]"', slash: 'c:\\', list: [1, [2, 3]] },
      { name: '\\"],[{' },
      [],
      'text',
      42,
    ];
    const { values, texts } = await parseEventBatch(
      JSON.stringify(tricky),
      json,
    );
    expect(values).toEqual(tricky);
    expect(texts).toEqual(tricky.map(v => JSON.stringify(v)));
  });

  it('refuses a JSON body that is not well formed, naming the event', async () => {
    for (const body of [
      '[{"a":1},]',
      '[,{"a":1}]',
      '[{"a":1}}]',
      '[{"a":1}] x',
      '[{"a":1}',
      '[{"a":"1}]',
      '{"a":1',
    ]) {
      await expect(parseEventBatch(body, json)).rejects.toThrow(
        /^Body is not valid JSON/,
      );
    }
    await expect(parseEventBatch('[{"a":1},{"a" 2}]', json)).rejects.toThrow(
      /^Body is not valid JSON \(event 1: /,
    );
  });

  it('refuses a body without events', async () => {
    for (const [body, isNdjson] of [
      [Buffer.from(' \n\r\n'), true],
      [Buffer.alloc(0), true],
      [Buffer.from('  '), false],
      ['[]', false],
      [' [ ] ', false],
    ] as const) {
      const parsing = parseEventBatch(body, { ndjson: isNdjson });
      await expect(parsing).rejects.toThrow(InputError);
      await expect(parseEventBatch(body, { ndjson: isNdjson })).rejects.toThrow(
        'The request holds no OpenLineage events',
      );
    }
  });

  it('refuses more events than the limit with a 413, without reading them all', async () => {
    const limits = { maxEvents: 3, maxDepth: 64 };
    const lines = Array.from({ length: 5 }, () => '{}');
    await expect(
      parseEventBatch(lines.slice(0, 3).join('\n'), { ndjson: true, limits }),
    ).resolves.toMatchObject({ values: [{}, {}, {}] });
    for (const [body, isNdjson] of [
      [lines.join('\n'), true],
      [`[${lines.join(',')}]`, false],
      // The fourth is not even JSON: counting stops before parsing it.
      [`{}\n{}\n{}\n{"broken`, true],
    ] as const) {
      const refusal = await parseEventBatch(body, {
        ndjson: isNdjson,
        limits,
      }).catch(e => e);
      expect(refusal.statusCode).toBe(413);
      expect(refusal.message).toBe(
        'The request holds more than 3 events (dataPlatform.openLineage.maxEventsPerRequest); send fewer events per request',
      );
    }
  });

  it('leaves events nested deeper than the limit unread, without recursing into them', async () => {
    const limits = { maxEvents: 10, maxDepth: 64 };
    expect(
      (await parseEventBatch(`[${nested(64)}]`, { ndjson: false, limits }))
        .unreadable?.size,
    ).toBe(0);
    // Brackets in strings do not count.
    const bracketed = JSON.stringify({ name: '['.repeat(100) });
    expect(
      (await parseEventBatch(bracketed, { ndjson: true, limits })).values,
    ).toEqual([{ name: '['.repeat(100) }]);
    const tooDeep =
      'nests objects and arrays deeper than 64 levels (dataPlatform.openLineage.maxNestingDepth)';
    for (const [body, isNdjson, where] of [
      [`{}\n${nested(5000)}`, true, ' (line 2)'],
      [`[{}, ${nested(65)}]`, false, ''],
    ] as const) {
      const batch = await parseEventBatch(body, { ndjson: isNdjson, limits });
      expect(batch.values).toEqual([{}, undefined]);
      expect(batch.unreadable).toEqual(new Map([[1, `${tooDeep}${where}`]]));
    }
    const single = await parseEventBatch(nested(5000), {
      ndjson: false,
      limits,
    });
    expect(single.unreadable).toEqual(new Map([[0, tooDeep]]));
  });

  it('hands the event loop back while it parses a large body', async () => {
    const body = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ ...events[0], i }),
    ).join('\n');
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      await parseEventBatch(body, {
        ndjson: true,
        limits: { maxEvents: 20_000, maxDepth: 64 },
        budget: new EventLoopBudget(1),
      });
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(1);
  });

  it('knows a body of events by its Content-Type', () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/vnd.openlineage+json',
    ]) {
      expect(eventBodyFormat(type)).toBe('json');
    }
    for (const type of [
      'application/x-ndjson',
      'application/ndjson; charset=utf-8',
      'application/jsonl',
      'application/x-jsonlines',
    ]) {
      expect(eventBodyFormat(type)).toBe('ndjson');
    }
    for (const type of [
      undefined,
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json-seq',
      'multipart/form-data',
    ]) {
      expect(eventBodyFormat(type)).toBeUndefined();
    }
  });
});
