#!/usr/bin/env node
/*
 * The data-quality benchmarks, one named case each, every case run by its
 * own package's bench runner in a process of its own:
 *
 *   yarn bench:quality [--case scan[,other...]] [the cases' own flags]
 *
 * Without --case every case below runs, in order. A case's flags go to
 * every case run (each ignores the flags it does not know). Add a case
 * with its package's runner and script; docs/benchmarks/quality.md has
 * the figures.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const CASES = {
  scan: {
    what: 'all checks of a 5-million-row partition on PostgreSQL: one scan against one query per check',
    runner:
      'plugins/data-platform-backend-module-local-warehouse/bench/run.cjs',
    script: 'qualityScan',
  },
  scores: {
    what: 'recompute every endpoint score of the preset, against scoring one endpoint at a time',
    runner: 'plugins/data-platform-backend/bench/run.cjs',
    script: 'qualityScores',
  },
  ingestion: {
    what: 'OpenLineage ingestion of events with quality facets, against the same events without',
    runner: 'plugins/data-platform-backend/bench/run.cjs',
    script: 'qualityIngestion',
  },
};

const args = process.argv.slice(2);
const at = args.indexOf('--case');
const names = at >= 0 ? args[at + 1].split(',') : Object.keys(CASES);
const passed = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
const unknown = names.filter(name => !CASES[name]);
if (unknown.length > 0) {
  console.error(
    `Unknown case ${unknown.join(', ')}; the cases are: ${Object.keys(
      CASES,
    ).join(', ')}`,
  );
  process.exit(2);
}

const root = path.resolve(__dirname, '..');
let failed = 0;
for (const name of names) {
  const { what, runner, script } = CASES[name];
  console.log(`\n== ${name}: ${what}\n`);
  const run = spawnSync(
    process.execPath,
    [path.join(root, runner), script, ...passed],
    { stdio: 'inherit', cwd: root },
  );
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
