/**
 * Issue 11 §5: the screen-reader announcements of final words, as chatty as the "Screen
 * reader announcements" setting asks. The live region (`final-announcer`) is watched with a
 * MutationObserver from before Start, so every text it ever held is on record.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness/earshot-test';
import type { EarshotUi } from './harness/earshot-ui';

// A whole dictation each: a minute on a quiet machine, more when the two cores are shared.
test.describe.configure({ timeout: 150_000 });

/** The page's globals the recorder uses (the Node suites' TypeScript has no DOM types). */
interface RecorderScope {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
  };
  announcedTexts?: string[];
}

/** Records every text the live region holds from now on. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as RecorderScope;
    const region = scope.document.querySelector('[data-testid="final-announcer"]');
    if (!region) throw new Error('no final-announcer region');
    const texts: string[] = [];
    scope.announcedTexts = texts;
    new scope.MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text !== '') texts.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

async function announced(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as RecorderScope).announcedTexts ?? []);
}

/** The final segments shown, one text each. */
async function shownFinals(ui: EarshotUi): Promise<string[]> {
  return (await ui.finalText.locator('[data-row-key]').allInnerTexts()).map((text) => text.trim());
}

async function dictateAll(ui: EarshotUi, utterances: readonly string[]): Promise<void> {
  await ui.startButton.click();
  await expect.poll(() => shownFinals(ui), { timeout: 60_000 }).toHaveLength(utterances.length);
}

test('every final (the default): each final segment is announced as it arrives, once', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await expect(earshot.page.getByTestId('announcements-every-final')).toBeChecked();
  await ui.goToLiveView();
  await expect(earshot.page.getByTestId('final-announcer')).toHaveAttribute(
    'data-announcements',
    'every-final',
  );
  await recordAnnouncements(earshot.page);
  emulator.queueUtterances(speech.utterances);
  await dictateAll(ui, speech.utterances);
  const finals = await shownFinals(ui);
  await expect.poll(() => announced(earshot.page)).toEqual(finals);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  expect(await announced(earshot.page)).toEqual(finals);
});

test('at pauses: nothing while the speaker has not paused, then everything since the last pause in one go', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  const page = earshot.page;
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  // Without endpointing and utterance end, Deepgram reports no pause until Stop's Finalize.
  await page.getByTestId('endpointing-on-toggle').uncheck();
  await page.getByTestId('utterance-end-on-toggle').uncheck();
  await page.getByTestId('announcements-at-pauses').check();
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();
  await ui.goToLiveView();
  await expect(page.getByTestId('final-announcer')).toHaveAttribute('data-announcements', 'at-pauses');
  await recordAnnouncements(page);

  emulator.queueUtterances(speech.utterances);
  await dictateAll(ui, speech.utterances);
  const finals = await shownFinals(ui);
  expect(await announced(page)).toEqual([]);
  await expect(page.getByTestId('final-announcer')).toHaveText('');

  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => announced(page)).toEqual([finals.join(' ')]);
});

test('off: the region stays empty while words are shown', async ({ earshot, emulator, speech, ui }) => {
  const page = earshot.page;
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await page.getByTestId('announcements-off').check();
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();
  await ui.goToLiveView();
  await recordAnnouncements(page);
  emulator.queueUtterances(speech.utterances);
  await dictateAll(ui, speech.utterances);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  expect(await shownFinals(ui)).toHaveLength(speech.utterances.length);
  expect(await announced(page)).toEqual([]);
  await expect(page.getByTestId('final-announcer')).toHaveAttribute('aria-live', 'polite');
});
