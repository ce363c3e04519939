// Adds up the JSON reports of every suite scripts/test.sh ran (vitest-<suite>.json,
// playwright-<suite>.json) into one closing line, "N passed, N failed, N skipped", names the
// steps that failed, and says why each skipped test was skipped (a skip is never silent).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [resultsDir, ...failedSteps] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const skipReasons = [];

/** Reports of one runner, with the suite each is for: `vitest-unit.json` → `unit`. */
function reports(runner) {
  if (!existsSync(resultsDir)) return [];
  return readdirSync(resultsDir)
    .filter((name) => name.startsWith(`${runner}-`) && name.endsWith('.json'))
    .sort()
    .map((name) => ({
      suite: name.slice(runner.length + 1, -'.json'.length),
      report: JSON.parse(readFileSync(join(resultsDir, name), 'utf8')),
    }));
}

const skippedStatuses = new Set(['skipped', 'pending', 'todo']);

for (const { suite, report } of reports('vitest')) {
  totals.passed += report.numPassedTests ?? 0;
  // A test file that fails to load has no failed test, but it failed all the same.
  const filesFailedWithoutTests = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  totals.failed += (report.numFailedTests ?? 0) + filesFailedWithoutTests;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // vitest skips carry their reason in the name of the skipped describe (describe.skipIf(...)('… (needs …)')),
  // so each skipped group is named once, with how many tests it holds.
  const skippedGroups = new Map();
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (!skippedStatuses.has(test.status)) continue;
      const group = (test.ancestorTitles ?? []).join(' > ') || test.title;
      skippedGroups.set(group, (skippedGroups.get(group) ?? 0) + 1);
    }
  }
  for (const [group, count] of skippedGroups) {
    skipReasons.push(`skipped [${suite}] ${group}: ${count} test${count === 1 ? '' : 's'}`);
  }
}

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

for (const { report } of reports('playwright')) {
  const { stats } = report;
  for (const suite of report.suites ?? []) collectSkips(suite);
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
}

for (const line of skipReasons) console.log(line);
for (const step of failedSteps) console.log(`failed step: ${step}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
