/**
 * Exporting as the person does it: choose the format in the session's export controls, press
 * Export…, and answer main's save dialog (played by the harness) with the path the test wants.
 */
import { expect, type Page } from '@playwright/test';
import type { ExportFormat } from '../../../src/shared/export';
import type { ExportDialogEmulation } from './export-dialog-emulation';

/** Exports to `path` through the window; returns the sentence the window showed. */
export async function exportThroughWindow(
  page: Page,
  dialog: ExportDialogEmulation,
  format: ExportFormat,
  path: string,
): Promise<string> {
  dialog.answerWith(() => path);
  await page.getByTestId('export-format').selectOption(format);
  await page.getByTestId('export-button').click();
  const outcome = page.getByTestId('export-outcome');
  await expect(outcome).toHaveText(/^Saved as .+\.$|\S/, { timeout: 15_000 });
  return outcome.innerText();
}
