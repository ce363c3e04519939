// Adds up the vitest and Playwright JSON reports into one closing line,
// "N passed, N failed, N skipped", and names the steps that failed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [resultsDir, ...failedSteps] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };

const vitestPath = join(resultsDir, 'vitest.json');
if (existsSync(vitestPath)) {
  const report = JSON.parse(readFileSync(vitestPath, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

const playwrightPath = join(resultsDir, 'playwright.json');
if (existsSync(playwrightPath)) {
  const { stats } = JSON.parse(readFileSync(playwrightPath, 'utf8'));
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
}

for (const step of failedSteps) console.log(`failed step: ${step}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
