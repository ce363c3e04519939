/**
 * For `npm run coverage` only: when EARSHOT_COVERAGE_DIR is set, Chromium's JS coverage of a
 * window (the main one, the caption overlay, the dictation indicator) is recorded from before
 * the page loads and written there when the window closes, for scripts/coverage.mjs to map
 * back to src/ through the bundle's source maps.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export async function recordWindowCoverage(page: Page): Promise<(() => Promise<void>) | null> {
  const directory = process.env['EARSHOT_COVERAGE_DIR'];
  if (!directory) return null;
  await page.coverage.startJSCoverage({ resetOnNavigation: false });
  return async () => {
    const entries = await page.coverage.stopJSCoverage();
    writeFileSync(join(directory, `window-${randomUUID()}.json`), JSON.stringify(entries));
  };
}
