/**
 * Issue 11 §5: the text size works everywhere. The interface's "Text size" setting scales the
 * text and controls of Live, Settings and History; the caption size (A−/A+) scales the live
 * transcript and an opened History session. At 320 CSS px (a 1280 px window at 400 % zoom)
 * and with 200 % text in a 640 px window, no screen scrolls sideways and no control reaches
 * past the window's edge (WCAG 1.4.10 reflow, 1.4.4 resize text).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness/earshot-test';
import type { EarshotUi } from './harness/earshot-ui';
import { containsInOrder } from './harness/transcript-match';

/** The page's globals these checks use (the Node suites' TypeScript has no DOM types). */
interface LayoutScope {
  getComputedStyle(element: unknown): { overflowX: string; fontSize: string };
  document: {
    documentElement: { clientWidth: number; scrollWidth: number };
    querySelectorAll(selector: string): Iterable<LayoutElement>;
  };
}
interface LayoutElement {
  tagName: string;
  className: unknown;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
  getBoundingClientRect(): { left: number; right: number; width: number };
}

async function fontSizeOf(locator: Locator): Promise<number> {
  return locator
    .first()
    .evaluate((element) =>
      parseFloat((globalThis as unknown as LayoutScope).getComputedStyle(element).fontSize),
    );
}

/** What scrolls sideways or reaches past the window's right edge, named; empty when the screen reflows. */
async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scope = globalThis as unknown as LayoutScope;
    const root = scope.document.documentElement;
    const name = (element: LayoutElement) =>
      `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[data-testid=${element.getAttribute('data-testid')}]` : ''}.${String(element.className)}`;
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page scrolls sideways (${root.scrollWidth}px)`);
    for (const element of scope.document.querySelectorAll('body *')) {
      const overflow = scope.getComputedStyle(element).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1)
        problems.push(`${name(element)} scrolls sideways (${element.scrollWidth} > ${element.clientWidth})`);
    }
    // What sticks out, deepest first, to say what to fix.
    const outside = [...scope.document.querySelectorAll('body *')].filter(
      (element) =>
        element.getBoundingClientRect().right > root.clientWidth + 0.5 &&
        !element.closest('.visually-hidden'),
    );
    for (const element of outside.reverse().slice(0, 3)) {
      problems.push(`${name(element)} ends at ${Math.round(element.getBoundingClientRect().right)}px`);
    }
    const controls = 'button, input, select, textarea, a[href], [tabindex="0"], label, h1, h2';
    for (const element of scope.document.querySelectorAll(controls)) {
      if (element.closest('[hidden], .visually-hidden')) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.left < 0 || box.right > root.clientWidth + 0.5))
        problems.push(`${name(element)} reaches past the window's edge (${Math.round(box.right)}px)`);
    }
    return problems;
  });
}

async function everyScreenReflows(page: Page, ui: EarshotUi, label: string): Promise<void> {
  await ui.settingsLink.click();
  await expect(ui.settingsView).toBeVisible();
  expect(await reflowProblems(page), `${label}: Settings`).toEqual([]);
  await ui.liveLink.click();
  await expect(ui.status).toBeVisible();
  expect(await reflowProblems(page), `${label}: Live`).toEqual([]);
  await ui.historyLink.click();
  await expect(ui.historyItems.first()).toBeVisible();
  expect(await reflowProblems(page), `${label}: History`).toEqual([]);
  await ui.historyItems.first().click();
  await expect(page.getByTestId('history-transcript')).toBeVisible();
  expect(await reflowProblems(page), `${label}: an opened session`).toEqual([]);
  await ui.historyBackButton.click();
}

test('text size: the setting scales every screen, the caption size both transcripts, and nothing needs sideways scrolling', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(180_000);
  const page = earshot.page;
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  await ui.startButton.click();
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), speech.utterances[0]!), {
      timeout: 60_000,
      message: `the first utterance shown (status: ${await ui.status.innerText()})`,
    })
    .toBe(true);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });

  // Caption size: A+ twice on the live view; the live transcript and History's follow.
  const liveCaption = page.locator('.view-live .transcript');
  const captionBefore = await fontSizeOf(liveCaption);
  await page.getByTestId('text-larger').click();
  await page.getByTestId('text-larger').click();
  const captionAfter = await fontSizeOf(liveCaption);
  expect(captionAfter).toBeGreaterThan(captionBefore);
  expect(await fontSizeOf(ui.finalText)).toBe(captionAfter);
  await ui.historyLink.click();
  await ui.historyItems.first().click();
  expect(await fontSizeOf(ui.historyFinalText)).toBe(captionAfter);
  await ui.historyBackButton.click();

  // The interface's text size: 100 % → 200 % doubles Settings', Live's and History's text and controls.
  const samples = {
    navigation: ui.settingsLink,
    settingsHeading: ui.settingsView,
    saveSettings: ui.saveSettingsButton,
    startButton: ui.startButton,
    status: ui.status,
    historyHeading: page.getByRole('heading', { level: 1, name: 'History' }),
    historyItem: ui.historyItems,
  };
  const measure = async (): Promise<Record<keyof typeof samples, number>> => {
    await ui.settingsLink.click();
    const settings = {
      navigation: await fontSizeOf(samples.navigation),
      settingsHeading: await fontSizeOf(samples.settingsHeading),
      saveSettings: await fontSizeOf(samples.saveSettings),
    };
    await ui.liveLink.click();
    const live = {
      startButton: await fontSizeOf(samples.startButton),
      status: await fontSizeOf(samples.status),
    };
    await ui.historyLink.click();
    await expect(ui.historyItems.first()).toBeVisible();
    const history = {
      historyHeading: await fontSizeOf(samples.historyHeading),
      historyItem: await fontSizeOf(samples.historyItem),
    };
    return { ...settings, ...live, ...history };
  };
  const normal = await measure();
  await ui.settingsLink.click();
  await page.getByTestId('interface-text-size-select').selectOption('200');
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();
  const doubled = await measure();
  for (const key of Object.keys(normal) as (keyof typeof normal)[]) {
    expect(doubled[key], key).toBeCloseTo(normal[key] * 2, 1);
  }
  // The captions keep their own size.
  expect(await fontSizeOf(ui.finalText)).toBe(captionAfter);

  // 200 % text in a 640 px window, then 100 % at 320 px: every screen reflows.
  await page.setViewportSize({ width: 640, height: 800 });
  await everyScreenReflows(page, ui, '200 % text at 640 px');
  await ui.settingsLink.click();
  await page.getByTestId('interface-text-size-select').selectOption('100');
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();
  await page.setViewportSize({ width: 320, height: 640 });
  await everyScreenReflows(page, ui, '320 px');
});
