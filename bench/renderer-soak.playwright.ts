/**
 * The renderer soak as one Playwright "test", so the harness runs under the runner it was
 * written for. It asserts nothing about timing: it writes the figures to the JSON file named
 * by EARSHOT_SOAK_RENDERER_OUTPUT for bench/soak.ts to print.
 */
import { test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { soakRenderer } from './soak-renderer';

test('renderer soak: 10,000 segments', async () => {
  const output = process.env.EARSHOT_SOAK_RENDERER_OUTPUT;
  if (!output)
    throw new Error('EARSHOT_SOAK_RENDERER_OUTPUT is not set: run this through npm run bench:soak.');
  const result = await soakRenderer({
    segments: Number(process.env.EARSHOT_SOAK_SEGMENTS ?? 10_000),
    sampleEvery: 2_000,
    seed: 3,
  });
  writeFileSync(output, JSON.stringify(result, null, 2));
});
