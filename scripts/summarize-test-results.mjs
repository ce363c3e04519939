// Adds up the vitest and Playwright JSON reports into one closing line,
// "N passed, N failed, N skipped", names the steps that failed, and says why each
// skipped test was skipped (a skip is never silent).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [resultsDir, ...failedSteps] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };

const vitestPath = join(resultsDir, 'vitest.json');
if (existsSync(vitestPath)) {
  const report = JSON.parse(readFileSync(vitestPath, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  // A test file that fails to load has no failed test, but it failed all the same.
  const filesFailedWithoutTests = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  totals.failed += (report.numFailedTests ?? 0) + filesFailedWithoutTests;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

const skipReasons = [];
function collectSkips(suite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'skipped') continue;
      const reason = test.annotations?.find((note) => note.type === 'skip')?.description ?? 'no reason given';
      skipReasons.push(`skipped [${test.projectName}] ${spec.title}: ${reason}`);
    }
  }
  for (const child of suite.suites ?? []) collectSkips(child);
}

const playwrightPath = join(resultsDir, 'playwright.json');
if (existsSync(playwrightPath)) {
  const report = JSON.parse(readFileSync(playwrightPath, 'utf8'));
  const { stats } = report;
  for (const suite of report.suites ?? []) collectSkips(suite);
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
}

for (const line of skipReasons) console.log(line);
for (const step of failedSteps) console.log(`failed step: ${step}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
