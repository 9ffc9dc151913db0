/*
 * Issue 21: how long a crashed instance's singleton job waits for another
 * instance. Instance A is a child process that takes the job through
 * Backstage's real scheduler and is in the middle of it; instance B (this
 * process) runs the same schedule on the same PostgreSQL database. A is
 * killed with SIGKILL at a random point of its lease's renewal cycle, and
 * the time until B starts the job is measured.
 *
 * `leased` is the plugin's setup (a local task checking every 10 s, a
 * 30 s lease renewed every 10 s); `global` (--baseline) is the setup
 * before it: a global task whose timeout is the sweep's (PT5M), so B waits
 * for the scheduler's lock to time out and its janitor to free it.
 *
 *   node bench/run.cjs failover [--rounds 3] [--baseline]
 */
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { fork } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_LEASE_SETTINGS } from '../src/services/JobLease/JobLease';
import { scheduleLeasedJob } from '../src/services/JobLease/scheduleLeasedJob';
import { benchDatabase, flag, printTable } from './benchSupport';

type Mode = 'leased' | 'global';
const SWEEP_TIMEOUT_MS = 5 * 60_000;
const TASK = 'data-platform-health-sweep';

/** An instance's scheduler, as the backend builds it, and its shutdown. */
function instanceScheduler(db: Knex, logger: LoggerService) {
  const hooks: Array<() => void | Promise<void>> = [];
  const noop = () => ({ add() {}, record() {} });
  const scheduler = DefaultSchedulerService.create({
    database: { getClient: async () => db },
    logger,
    rootLifecycle: {
      addStartupHook() {},
      addBeforeShutdownHook() {},
      addShutdownHook: (hook: () => void | Promise<void>) => hooks.push(hook),
    },
    httpRouter: { use() {}, addAuthPolicy() {} },
    pluginMetadata: { getId: () => 'data-platform' },
    metrics: new Proxy({}, { get: () => noop }),
  } as any) as SchedulerService;
  return {
    scheduler,
    shutdown: async () => {
      for (const hook of hooks) await hook();
    },
  };
}

async function scheduleSweep(
  mode: Mode,
  db: Knex,
  scheduler: SchedulerService,
  logger: LoggerService,
  run: () => Promise<void>,
) {
  if (mode === 'leased') {
    await scheduleLeasedJob(
      { db, scheduler, logger, leases: DEFAULT_LEASE_SETTINGS },
      {
        id: TASK,
        lease: 'health-sweep',
        frequencyMs: 60_000,
        timeoutMs: SWEEP_TIMEOUT_MS,
        initialDelayMs: 0,
        run,
      },
    );
  } else {
    await scheduler.scheduleTask({
      id: TASK,
      scope: 'global',
      frequency: { minutes: 1 },
      timeout: { milliseconds: SWEEP_TIMEOUT_MS },
      fn: run,
    });
  }
}

/** Instance A: takes the job and stays in the middle of it until killed. */
async function holder(database: string, mode: Mode) {
  const db = knexFactory({
    client: 'pg',
    connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database },
  });
  const logger = mockServices.rootLogger({ level: 'warn' });
  const { scheduler } = instanceScheduler(db, logger);
  await scheduleSweep(mode, db, scheduler, logger, async () => {
    process.send!('holding');
    await new Promise(() => {});
  });
}

/** One round: seconds from A's kill -9 to B starting the job. */
async function round(mode: Mode): Promise<number> {
  const { db, drop } = await benchDatabase(`failover_${mode}`);
  const database = db.client.config.connection.database as string;
  const a = fork(path.resolve(__dirname, 'run.cjs'), [
    'failover',
    '--holder',
    database,
    '--mode',
    mode,
  ]);
  try {
    await new Promise<void>((resolve, reject) => {
      a.on('message', message => message === 'holding' && resolve());
      a.once('exit', code => reject(new Error(`instance A exited: ${code}`)));
    });
    const logger = mockServices.rootLogger({ level: 'warn' });
    const b = instanceScheduler(db, logger);
    let tookOver!: (at: number) => void;
    const takenOver = new Promise<number>(r => (tookOver = r));
    await scheduleSweep(mode, db, b.scheduler, logger, async () => {
      tookOver(Date.now());
    });
    // Anywhere in A's 10 s renewal cycle (and the scheduler's polling).
    await new Promise(r => setTimeout(r, 2_000 + Math.random() * 10_000));
    a.kill('SIGKILL');
    const killedAt = Date.now();
    const seconds = ((await takenOver) - killedAt) / 1000;
    await b.shutdown();
    return seconds;
  } finally {
    a.kill('SIGKILL');
    await drop();
  }
}

async function main() {
  if (process.argv.includes('--holder')) {
    await holder(flag('holder', ''), flag('mode', 'leased') as Mode);
    return;
  }
  const rounds = Number(flag('rounds', '3'));
  const modes: Mode[] = process.argv.includes('--baseline')
    ? ['leased', 'global']
    : ['leased'];
  const rows: string[][] = [];
  for (const mode of modes) {
    const taken: number[] = [];
    for (let i = 0; i < (mode === 'global' ? 1 : rounds); i++) {
      taken.push(await round(mode));
      console.error(
        `${mode}: taken over ${taken[i].toFixed(1)} s after kill -9`,
      );
    }
    rows.push([
      mode,
      String(taken.length),
      `${Math.min(...taken).toFixed(1)} s`,
      `${Math.max(...taken).toFixed(1)} s`,
    ]);
  }
  printTable(['setup', 'rounds', 'min takeover', 'max takeover'], rows);
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
