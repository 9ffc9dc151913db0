/* eslint-disable no-console -- the harness reports its progress on the runner's console */
/*
 * The portal the browser tests run against: the app built once, served by the
 * backend (app-backend) next to the APIs, on backend.baseUrl (:7007), with
 * SQLite in memory and the example catalog. Measured against `yarn start`'s
 * dev server, this is the faster and the sturdier choice on 2 cores: a
 * production bundle is ~10x less JavaScript for each test's fresh page, and
 * nothing watches the checkout, so edits made during a run (teammates in the
 * same checkout) neither restart the backend nor reload pages under a test.
 *
 * The backend runs from its TypeScript sources through the CLI's node
 * transform, i.e. what `backstage-cli package start` runs minus the watcher,
 * in its own process group (spawn's `detached` is setsid). It is stopped by
 * signalling the group; its id is also written to a file so that
 * scripts/test.sh can clean up after a runner that died.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';
import {
  PortalConfig,
  devApiToken,
  outputDir,
  portalEnv,
  repoRoot,
} from './portalConfig';

export const portalLogFile = resolve(outputDir, 'portal.log');
export const appBuildLogFile = resolve(outputDir, 'app-build.log');
export const portalPgidFile = resolve(outputDir, 'portal.pgid');

const appDist = resolve(repoRoot, 'packages/app/dist');
const appBuildStamp = resolve(appDist, '.dp-build-stamp');

const startTimeoutMs =
  Number(process.env.DP_E2E_START_TIMEOUT_SECONDS ?? 420) * 1000;

export type RunningPortal = {
  pgid: number;
  stop(): Promise<void>;
};

function sleep(ms: number) {
  return new Promise(r => setTimeout(r, ms));
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise(res => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      res(true);
    });
    socket.once('error', () => res(false));
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function logTail(file: string, lines = 40): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

export async function assertPortFree(port: number) {
  if (await isPortOpen(port)) {
    throw new Error(
      `Port ${port} is already in use, probably by another portal. Stop it, ` +
        'or run the tests on other ports (APP_CONFIG_backend_baseUrl), or ' +
        'test that portal with DP_E2E_REUSE_PORTAL=1.',
    );
  }
}

/**
 * What the app bundle is built from: everything git sees under packages/ and
 * plugins/ (committed, modified and untracked files) plus the lockfile.
 */
function appSourcesHash(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repoRoot, maxBuffer: 256 << 20 });
  const hash = createHash('sha1');
  hash.update(git('rev-parse', 'HEAD:packages', 'HEAD:plugins'));
  hash.update(fs.readFileSync(resolve(repoRoot, 'yarn.lock')));
  const changed = git(
    'ls-files',
    '-m',
    '-o',
    '--exclude-standard',
    '-z',
    '--',
    'packages',
    'plugins',
  )
    .toString()
    .split('\0')
    .filter(Boolean)
    .sort();
  for (const file of changed) {
    hash.update(file);
    try {
      hash.update(fs.readFileSync(resolve(repoRoot, file)));
    } catch {
      hash.update('(deleted)');
    }
  }
  return hash.digest('hex');
}

/** `backstage-cli package build` of the app, skipped when nothing changed. */
export async function buildApp(config: PortalConfig): Promise<boolean> {
  let sources: string;
  try {
    sources = appSourcesHash();
  } catch {
    sources = `unknown ${Date.now()}`; // not a git checkout: always build
  }
  if (
    fs.existsSync(appBuildStamp) &&
    fs.readFileSync(appBuildStamp, 'utf8') === sources
  ) {
    return false;
  }
  fs.mkdirSync(outputDir, { recursive: true });
  const log = fs.openSync(appBuildLogFile, 'w');
  const child = spawn('yarn', ['build'], {
    cwd: resolve(repoRoot, 'packages/app'),
    env: { ...process.env, ...portalEnv(config), FORCE_COLOR: '0' },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const code = await new Promise<number | null>(r => child.on('exit', r));
  if (code !== 0) {
    throw new Error(
      `The app build failed (exit ${code}). End of ${appBuildLogFile}:\n${logTail(
        appBuildLogFile,
      )}`,
    );
  }
  fs.writeFileSync(appBuildStamp, sources);
  return true;
}

export function startPortal(config: PortalConfig): RunningPortal {
  fs.mkdirSync(outputDir, { recursive: true });
  const log = fs.openSync(portalLogFile, 'w');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [repoRoot],
      }),
      'src/index',
    ],
    {
      cwd: resolve(repoRoot, 'packages/backend'),
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        ...portalEnv(config),
        // What `backstage-cli package start` gives the backend process.
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: resolve(repoRoot, 'tsconfig.json'),
        FORCE_COLOR: '0',
      },
    },
  );
  fs.closeSync(log);
  const pgid = child.pid!;
  fs.writeFileSync(portalPgidFile, `${pgid}\n`);

  return {
    pgid,
    async stop() {
      for (const [signal, waitMs] of [
        ['SIGTERM', 20_000],
        ['SIGKILL', 5_000],
      ] as const) {
        if (!groupAlive(pgid)) {
          break;
        }
        try {
          process.kill(-pgid, signal);
        } catch {
          // the group exited between the check and the signal
        }
        const deadline = Date.now() + waitMs;
        while (groupAlive(pgid) && Date.now() < deadline) {
          await sleep(200);
        }
      }
      fs.rmSync(portalPgidFile, { force: true });
    },
  };
}

async function poll<T>(
  what: string,
  deadline: number,
  portal: RunningPortal | undefined,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  for (;;) {
    if (portal && !groupAlive(portal.pgid)) {
      throw new Error(`The portal exited while waiting for ${what}`);
    }
    try {
      const result = await attempt();
      if (result !== undefined) {
        return result;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await sleep(1000);
  }
}

async function catalogEntityCount(config: PortalConfig) {
  const res = await fetch(
    `${config.backendUrl}/api/catalog/entities/by-query?limit=1`,
    { headers: { Authorization: `Bearer ${devApiToken}` } },
  );
  if (!res.ok) {
    throw new Error(`catalog answered ${res.status}`);
  }
  const body = (await res.json()) as { totalItems: number };
  return body.totalItems;
}

/**
 * Waits for the backend, the app's page, and a populated catalog: the entity
 * count is above zero and has not changed for a few seconds, which holds
 * whatever the example data is. Returns the entity count.
 */
export async function waitForPortal(
  config: PortalConfig,
  portal?: RunningPortal,
): Promise<number> {
  const deadline = Date.now() + startTimeoutMs;
  await poll('the backend', deadline, portal, async () => {
    const res = await fetch(
      `${config.backendUrl}/.backstage/health/v1/readiness`,
    );
    return res.ok ? true : undefined;
  });
  await poll(`the app at ${config.appUrl}`, deadline, portal, async () => {
    const res = await fetch(config.appUrl);
    return res.ok && (await res.text()).includes('<script') ? true : undefined;
  });
  let last = -1;
  let stableSince = 0;
  return poll('the catalog to be populated', deadline, portal, async () => {
    const count = await catalogEntityCount(config);
    if (count !== last) {
      last = count;
      stableSince = Date.now();
      return undefined;
    }
    return count > 0 && Date.now() - stableSince >= 3000 ? count : undefined;
  });
}

/**
 * One browser-test run per checkout at a time: runs share packages/app/dist
 * (and, by default, the ports). Waits for a running one to finish; a lock
 * whose process is gone is taken over.
 */
export async function lockCheckout(): Promise<() => void> {
  const lockFile = resolve(repoRoot, 'node_modules/.cache/dp-e2e.lock');
  fs.mkdirSync(resolve(lockFile, '..'), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => fs.rmSync(lockFile, { force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    let holder = 0;
    let alive = false;
    try {
      holder = Number(fs.readFileSync(lockFile, 'utf8'));
      // An empty file is a lock being written right now, unless it is old.
      alive =
        holder > 0
          ? process.kill(holder, 0)
          : Date.now() - fs.statSync(lockFile).mtimeMs < 10_000;
    } catch {
      alive = false;
    }
    if (!alive) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (!announced) {
      console.log(
        `[e2e] waiting for another browser test run in this checkout (pid ${holder})`,
      );
      announced = true;
    }
    await sleep(2000);
  }
}
