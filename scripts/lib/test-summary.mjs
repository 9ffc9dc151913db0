// Prints the test run's summary from the reports in the output directory and
// exits non-zero when anything failed. The last line is the one CI reads:
//   N passed, N failed
// Tests come from jest's --json report and playwright's JSON reporter; a
// failed step that is not a test runner (bootstrap, tsc, lint, prettier,
// chromium) counts as one failure, and so does a runner that failed without
// reporting a failed test (a suite that did not compile, a global setup that
// could not start the portal).
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
const readJson = file => {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, file), 'utf8'));
  } catch {
    return undefined;
  }
};

const steps = fs
  .readFileSync(path.join(out, 'steps.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(line => {
    const [name, rc, seconds, cpu] = line.split('\t');
    return { name, rc: Number(rc), seconds: Number(seconds), cpu: Number(cpu) };
  });

const runners = {
  unit: () => {
    const jest = readJson('jest.json');
    if (!jest) {
      return undefined;
    }
    let failed = jest.numFailedTests;
    for (const suite of jest.testResults ?? []) {
      const failedTests = (suite.assertionResults ?? []).filter(
        t => t.status === 'failed',
      ).length;
      if (suite.status === 'failed' && failedTests === 0) {
        failed += 1;
      }
    }
    return { passed: jest.numPassedTests, failed, note: '' };
  },
  e2e: () => {
    const report = readJson('e2e.json');
    if (!report) {
      return undefined;
    }
    const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
    return {
      passed: expected + flaky,
      failed: unexpected + (report.errors?.length ?? 0),
      note: flaky ? `${flaky} flaky (passed on retry)` : '',
    };
  },
};

let passed = 0;
let failed = 0;
const rows = [];
for (const step of steps) {
  const counts = runners[step.name]?.();
  let detail;
  if (counts) {
    let stepFailed = counts.failed;
    if (step.rc !== 0 && stepFailed === 0) {
      stepFailed = 1;
    }
    passed += counts.passed;
    failed += stepFailed;
    detail = `${counts.passed} passed, ${stepFailed} failed${
      counts.note ? `; ${counts.note}` : ''
    }`;
  } else {
    if (step.rc !== 0) {
      failed += 1;
    }
    detail = step.rc === 0 ? 'ok' : `FAILED (exit ${step.rc})`;
  }
  rows.push(
    `  ${step.name.padEnd(10)} ${String(step.seconds).padStart(
      5,
    )} s wall ${String(step.cpu).padStart(5)} s cpu  ${detail.trim()}`,
  );
}

const failedStep = steps.some(s => s.rc !== 0);
console.log();
console.log(`Test run (reports in ${out}):`);
for (const row of rows) {
  console.log(row);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedStep ? 1 : 0);
