/**
 * Issue 11 §5: everything from the keyboard alone, with a visible focus. One walk through the
 * app with Tab, Shift+Tab, Enter, Space and Escape only (and typing the key): save the key,
 * change a setting and save it, open and cancel the key's removal, start and stop a session,
 * open History and a session in it. Every element the focus lands on must draw a visible
 * focus outline.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness/earshot-test';
import { containsInOrder } from './harness/transcript-match';

/** The page's globals these checks use (the Node suites' TypeScript has no DOM types). */
interface FocusScope {
  document: { activeElement: FocusedElement | null; body: unknown };
  getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string };
}
interface FocusedElement {
  tagName: string;
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
}

/** What has the focus, and whether it is drawn: null when the focus is drawn visibly. */
async function focusProblem(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const scope = globalThis as unknown as FocusScope;
    const focused = scope.document.activeElement;
    if (!focused || focused === scope.document.body) return 'the focus is on nothing';
    const name = `${focused.tagName.toLowerCase()}[data-testid=${focused.getAttribute('data-testid')}]`;
    const style = scope.getComputedStyle(focused);
    const drawn =
      focused.matches(':focus-visible') &&
      style.outlineStyle !== 'none' &&
      parseFloat(style.outlineWidth) >= 2;
    return drawn ? null : `${name} has the focus without a visible outline`;
  });
}

/**
 * Presses Tab (Shift+Tab going back) until the target has the focus, checking at every stop
 * that the focus is visible.
 */
async function tabTo(page: Page, target: Locator, direction: 'forward' | 'back' = 'forward'): Promise<void> {
  const problems: string[] = [];
  for (let presses = 0; presses < 120; presses += 1) {
    await page.keyboard.press(direction === 'forward' ? 'Tab' : 'Shift+Tab');
    const problem = await focusProblem(page);
    if (problem) problems.push(problem);
    const arrived = await target.evaluate(
      (element) => element === (globalThis as unknown as FocusScope).document.activeElement,
    );
    if (arrived) {
      expect(problems, 'focus stops without a visible outline').toEqual([]);
      return;
    }
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('the whole app by keyboard: key, a setting, cancel a removal, start, stop, History, a session', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(180_000);
  const page = earshot.page;
  const keyboard = page.keyboard;

  // Settings (first run): the key, typed and saved with Enter.
  await expect(ui.keyInput).toBeVisible();
  await tabTo(page, ui.keyInput);
  await keyboard.type(emulator.demoKey);
  await keyboard.press('Enter');
  await expect(ui.keyProject).toContainText(emulator.projectName, { timeout: 15_000 });

  // A setting: Space toggles a checkbox, Enter on Save settings saves.
  const smartFormat = page.getByTestId('smart-format-toggle');
  await tabTo(page, smartFormat);
  await keyboard.press('Space');
  await expect(smartFormat).not.toBeChecked();
  await tabTo(page, ui.saveSettingsButton);
  await keyboard.press('Enter');
  await expect(ui.settingsSaved).toBeVisible();
  expect((await earshot.main.core.invokeHandlers.getSettings(undefined)).settings.smartFormat).toBe(false);

  // Removing the key asks first; Escape cancels and gives the focus back.
  const removeKey = page.getByTestId('remove-key');
  await tabTo(page, removeKey, 'back');
  await keyboard.press('Enter');
  await expect(page.getByTestId('confirm-remove')).toBeFocused();
  await keyboard.press('Escape');
  await expect(page.getByTestId('confirm-remove')).toHaveCount(0);
  await expect(removeKey).toBeFocused();
  expect(await focusProblem(page)).toBeNull();
  await expect(ui.keyProject).toContainText(emulator.projectName);

  // Live: Start with Space; the same button, now Stop, keeps the focus; Space stops.
  await tabTo(page, ui.liveLink, 'back');
  await keyboard.press('Enter');
  await expect(ui.startButton).toBeVisible();
  await tabTo(page, ui.startButton);
  emulator.queueUtterances(speech.utterances);
  await keyboard.press('Space');
  await expect(ui.stopButton).toBeFocused({ timeout: 10_000 });
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), speech.utterances[0]!), { timeout: 60_000 })
    .toBe(true);
  await keyboard.press('Space');
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  const shown = await ui.finalTranscript();

  // History: Enter opens it, Enter opens the session; its Back button takes the focus.
  await tabTo(page, ui.historyLink, 'back');
  await keyboard.press('Enter');
  await expect(ui.historyItems).toHaveCount(1);
  await tabTo(page, ui.historyItems.first());
  await keyboard.press('Enter');
  await expect(ui.historyBackButton).toBeFocused();
  await expect.poll(() => ui.historyTranscript()).toBe(shown);
  // The transcript itself is a focusable region, to scroll with the keyboard.
  await tabTo(page, page.getByRole('region', { name: 'Saved transcript' }));
  await tabTo(page, ui.historyBackButton, 'back');
  await keyboard.press('Enter');
  await expect(ui.historyItems).toHaveCount(1);
});
