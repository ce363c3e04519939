/**
 * axe-core over what the window shows now, in light and in dark colours: every violation
 * as one readable line (rule, impact, element, why), so a failing expectation names them.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export type ColorScheme = 'light' | 'dark';

export async function axeViolations(page: Page, scheme: ColorScheme): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  // Legacy mode runs axe in the page itself: the window has no frames, and the default mode's
  // extra blank page per scan costs seconds on a busy machine.
  const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return result.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `[${scheme}] ${violation.id} (${violation.impact ?? 'unknown'}) at ${node.target.join(' ')}: ` +
        (node.failureSummary ?? violation.help).replace(/\s+/g, ' '),
    ),
  );
}

/** Both colour schemes; leaves the page in light colours, as the tests start. */
export async function axeViolationsInBothSchemes(page: Page): Promise<string[]> {
  const dark = await axeViolations(page, 'dark');
  const light = await axeViolations(page, 'light');
  return [...light, ...dark];
}
