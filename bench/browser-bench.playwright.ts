/**
 * The browser benchmarks as one Playwright "test", so the harness runs under the runner it was
 * written for. It asserts nothing about timing: it writes rows and figures to the JSON file
 * named by EARSHOT_BENCH_BROWSER_OUTPUT for bench/run.ts to print.
 */
import { test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { runBrowserBench } from './browser-bench';

test('browser benchmarks', async () => {
  const output = process.env.EARSHOT_BENCH_BROWSER_OUTPUT;
  if (!output) throw new Error('EARSHOT_BENCH_BROWSER_OUTPUT is not set: run this through npm run bench.');
  const result = await runBrowserBench({ quick: process.env.EARSHOT_BENCH_QUICK === '1' });
  writeFileSync(output, JSON.stringify(result, null, 2));
});
