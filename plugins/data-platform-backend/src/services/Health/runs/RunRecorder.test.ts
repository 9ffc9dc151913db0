import { TestDatabases } from '@backstage/backend-test-utils';
import { RunStore } from '../store/RunStore';
import {
  createIngestor,
  HOUR,
  migrated,
  MINUTE,
  runEvent,
  t,
} from '../__testUtils__/healthTestbed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const partition = {
  start: t('2026-11-26T09:00:00Z'),
  end: t('2026-11-26T10:00:00Z'),
};
const start = t('2026-11-26T10:05:00Z');
const RUN = '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e';
const run = (
  eventType: 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT',
  at: number,
  extra = {},
) =>
  runEvent({
    job: 'plays-hourly-clean',
    runId: RUN,
    eventType,
    at,
    nominal: partition,
    ...extra,
  });

describe.each(databases.eachSupportedId())('RunRecorder on %p', databaseId => {
  async function setup() {
    const db = await migrated(await databases.init(databaseId));
    return { db, ingestor: createIngestor(db), runs: new RunStore(db) };
  }
  const stored = async (db: Awaited<ReturnType<typeof setup>>['db']) =>
    (await db('health_runs').where('run_id', RUN).first()) as Record<
      string,
      any
    >;

  it('records a run from its START and COMPLETE with times, nominal partition and parent', async () => {
    const { db, ingestor } = await setup();
    await ingestor.ingest([
      run('START', start, {
        parentRunId: '0193a3c6-0000-7000-8000-000000000001',
      }),
      run('COMPLETE', start + 12 * MINUTE),
    ]);
    const row = await stored(db);
    expect(row.state).toBe('COMPLETE');
    expect(Number(row.started_at)).toBe(start);
    expect(Number(row.ended_at)).toBe(start + 12 * MINUTE);
    expect(Number(row.nominal_start)).toBe(partition.start);
    expect(row.parent_run_id).toBe('0193a3c6-0000-7000-8000-000000000001');
    expect(
      await db('health_run_changes').where('run_id', row.run_id),
    ).toHaveLength(1);
  });

  it('records a batch of more runs than SQLite takes in one INSERT', async () => {
    const { db, ingestor } = await setup();
    const runIds = Array.from(
      { length: 1200 },
      (_, i) => `0193a3c6-6b1e-7b6c-9d6a-${i.toString(16).padStart(12, '0')}`,
    );
    const result = await ingestor.ingest(
      runIds.map(runId =>
        runEvent({
          job: 'plays-hourly-clean',
          runId,
          eventType: 'START',
          at: start,
        }),
      ),
    );
    expect(result).toMatchObject({ received: 1200, accepted: 1200 });
    const [{ n }] = await db('health_runs').count({ n: '*' });
    expect(Number(n)).toBe(1200);
  });

  it('does not reopen a COMPLETE run when its START arrives late', async () => {
    const { db, ingestor } = await setup();
    await ingestor.ingest([run('COMPLETE', start + 12 * MINUTE)]);
    await ingestor.ingest([run('START', start)]);
    await ingestor.ingest([run('RUNNING', start + 5 * MINUTE)]);
    const row = await stored(db);
    expect(row.state).toBe('COMPLETE');
    expect(Number(row.started_at)).toBe(start);
    expect(Number(row.ended_at)).toBe(start + 12 * MINUTE);
  });

  it('never lets a terminal state regress, and keeps the failure reason', async () => {
    const { db, ingestor } = await setup();
    await ingestor.ingest([run('START', start)]);
    await ingestor.ingest([
      run('FAIL', start + 3 * MINUTE, { error: 'Table not found: plays_raw' }),
    ]);
    await ingestor.ingest([run('RUNNING', start + 4 * MINUTE)]);
    const row = await stored(db);
    expect(row.state).toBe('FAIL');
    expect(row.failure_reason).toBe('Table not found: plays_raw');
  });

  it('ends in the same state whatever order the events come in, also within one batch', async () => {
    const { db, ingestor } = await setup();
    await ingestor.ingest([
      run('COMPLETE', start + 12 * MINUTE),
      run('START', start),
      run('RUNNING', start + HOUR / 12),
    ]);
    const row = await stored(db);
    expect(row.state).toBe('COMPLETE');
    expect(Number(row.first_event_at)).toBe(start);
    expect(Number(row.last_event_at)).toBe(start + 12 * MINUTE);
  });

  it('takes the later of two terminal events', async () => {
    const { db, ingestor } = await setup();
    await ingestor.ingest([
      run('FAIL', start + 20 * MINUTE, { error: 'late failure' }),
    ]);
    await ingestor.ingest([run('COMPLETE', start + 10 * MINUTE)]);
    expect((await stored(db)).state).toBe('FAIL');
  });

  it('merges concurrent batches of the same run into one terminal state', async () => {
    const { db, ingestor } = await setup();
    await Promise.all([
      ingestor.ingest([run('START', start)]),
      ingestor.ingest([run('COMPLETE', start + 12 * MINUTE)]),
      ingestor.ingest([run('RUNNING', start + 6 * MINUTE)]),
    ]);
    const row = await stored(db);
    expect(row.state).toBe('COMPLETE');
    expect(Number(row.started_at)).toBe(start);
  });

  it('rolls the run back with a refused batch, and a replay adds nothing', async () => {
    const { db, ingestor } = await setup();
    await expect(
      ingestor.ingest([
        run('START', start),
        { eventType: 'COMPLETE', run: {} },
      ]),
    ).rejects.toThrow();
    expect(await stored(db)).toBeUndefined();
    await ingestor.ingest([run('START', start)]);
    const first = await stored(db);
    await ingestor.ingest([run('START', start)]);
    expect(Number((await stored(db)).version)).toBe(Number(first.version));
  });

  it('is rebuilt from the raw event log', async () => {
    const { db, ingestor } = await setup();
    await ingestor.ingest([
      run('START', start),
      run('COMPLETE', start + 12 * MINUTE),
    ]);
    await db('health_runs').delete();
    await ingestor.rebuild();
    expect((await stored(db)).state).toBe('COMPLETE');
  });
});
