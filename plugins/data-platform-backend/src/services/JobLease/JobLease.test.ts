import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrateClient } from '../../database/migrations';
import { HeldLease, JobLease, LeaseLostError, LeaseSettings } from './JobLease';
import { JobLeaseStore } from './JobLeaseStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SETTINGS: LeaseSettings = {
  leaseMs: 30_000,
  renewEveryMs: 10_000,
  checkEveryMs: 10_000,
};
const NOW = Date.parse('2026-12-07T10:00:00Z');

/** Resolves once the work has started; the work ends when `finish` is called. */
function pendingWork() {
  let started!: (lease: HeldLease) => void;
  let finish!: () => void;
  const startedWith = new Promise<HeldLease>(r => (started = r));
  const finished = new Promise<void>(r => (finish = r));
  return {
    startedWith,
    finish,
    work: async (lease: HeldLease) => {
      started(lease);
      await finished;
      lease.signal.throwIfAborted();
      return 'done';
    },
  };
}

describe.each(databases.eachSupportedId())('JobLease on %s', databaseId => {
  let db: Knex;
  let clock: number;
  const lease = (settings = SETTINGS) =>
    new JobLease(db, 'health-sweep', settings, () => clock);

  beforeEach(async () => {
    db = await databases.init(databaseId);
    await migrateClient(db);
    clock = NOW;
  });

  it('lets one of two instances run the job at a time', async () => {
    const a = lease();
    const b = lease();
    const held = pendingWork();
    const running = a.run(held.work);
    await held.startedWith;

    await expect(b.run(async () => 'doubled')).resolves.toEqual({
      ran: false,
    });
    held.finish();
    await expect(running).resolves.toEqual({ ran: true, value: 'done' });
    await expect(b.run(async () => 'next')).resolves.toEqual({
      ran: true,
      value: 'next',
    });
  });

  it('hands a crashed holder’s job to another instance once its lease runs out', async () => {
    // What a kill -9 leaves: a lease taken, never renewed nor released.
    await new JobLeaseStore(db).acquire('health-sweep', 'crashed', {
      now: NOW,
      dueBy: NOW,
      until: NOW + SETTINGS.leaseMs,
    });
    const b = lease();

    clock = NOW + SETTINGS.leaseMs - 1;
    await expect(b.run(async () => 'early')).resolves.toEqual({ ran: false });
    clock = NOW + SETTINGS.leaseMs + 1;
    await expect(b.run(async () => 'taken over')).resolves.toEqual({
      ran: true,
      value: 'taken over',
    });
  });

  it('keeps the lease while the work runs longer than the lease, by renewing it', async () => {
    const short = { leaseMs: 1000, renewEveryMs: 100, checkEveryMs: 100 };
    const real = () => Date.now();
    const a = new JobLease(db, 'health-sweep', short, real);
    const b = new JobLease(db, 'health-sweep', short, real);
    const held = pendingWork();
    const running = a.run(held.work);
    await held.startedWith;
    // Past the lease's length, measured in renewals seen in the row.
    const expiries = new Set<number>();
    while (expiries.size < 15) {
      const row = await db('job_leases').where('name', 'health-sweep').first();
      expiries.add(Number(row.expires_at));
      await expect(b.run(async () => 'doubled')).resolves.toEqual({
        ran: false,
      });
      await new Promise(r => setTimeout(r, 50));
    }
    held.finish();
    await expect(running).resolves.toEqual({ ran: true, value: 'done' });
  });

  it('tells the work to stop when another instance took the lease over', async () => {
    const a = new JobLease(
      db,
      'health-sweep',
      { leaseMs: 400, renewEveryMs: 100, checkEveryMs: 100 },
      () => Date.now(),
    );
    const held = pendingWork();
    const running = a.run(held.work);
    const { signal } = await held.startedWith;
    // As if A had stalled past its lease and B had taken the job.
    await db('job_leases')
      .where('name', 'health-sweep')
      .update({ holder: 'b', expires_at: Date.now() + 60_000 });

    await new Promise(r => signal.addEventListener('abort', r));
    expect(signal.reason).toBeInstanceOf(LeaseLostError);
    held.finish();
    await expect(running).rejects.toBeInstanceOf(LeaseLostError);
    // B's lease is left alone.
    await expect(
      db('job_leases').where('name', 'health-sweep').first(),
    ).resolves.toMatchObject({ holder: 'b' });
  });

  it('stops with the scheduler’s signal and leaves the job due for any instance', async () => {
    const a = lease();
    const scheduler = new AbortController();
    const held = pendingWork();
    const running = a.run(held.work, {
      signal: scheduler.signal,
      everyMs: 60_000,
    });
    const { signal } = await held.startedWith;
    scheduler.abort(new Error('Task timed out'));
    expect(signal.aborted).toBe(true);
    held.finish();
    await expect(running).rejects.toThrow('Task timed out');

    await expect(lease().run(async () => 'at once')).resolves.toEqual({
      ran: true,
      value: 'at once',
    });
  });

  it('runs a job once per period between instances, and passes on the last completed run', async () => {
    const a = lease();
    const b = lease();
    const every = { everyMs: 60_000 };
    await expect(a.run(async l => l.completedAt, every)).resolves.toEqual({
      ran: true,
      value: undefined,
    });
    clock = NOW + 30_000;
    await expect(b.run(async () => 'too soon', every)).resolves.toEqual({
      ran: false,
    });
    clock = NOW + 60_000;
    await expect(b.run(async l => l.completedAt, every)).resolves.toEqual({
      ran: true,
      value: NOW,
    });
  });

  it('makes a job that failed due again after its period, like a completed one', async () => {
    const a = lease();
    await expect(
      a.run(
        async () => {
          throw new Error('catalog unavailable');
        },
        { everyMs: 60_000 },
      ),
    ).rejects.toThrow('catalog unavailable');
    await expect(lease().run(async () => 'retry')).resolves.toEqual({
      ran: false,
    });
    clock = NOW + 60_000;
    await expect(lease().run(async () => 'retry')).resolves.toMatchObject({
      ran: true,
    });
  });
});
