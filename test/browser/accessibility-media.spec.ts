/**
 * Issue 11 §5: the window honours the system's reduced-motion and forced-colours (Windows
 * high contrast) settings, emulated with Playwright's emulateMedia; each check reads computed
 * styles with the setting off and on, so it proves the difference the setting makes.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './harness/earshot-test';

/** The page's globals these checks use (the Node suites' TypeScript has no DOM types). */
interface StyleScope {
  getComputedStyle(element: unknown): { getPropertyValue(name: string): string };
  document: { querySelectorAll(selector: string): Iterable<unknown> };
  matchMedia(query: string): { matches: boolean };
}

/** Computed style properties of the first element a locator finds. */
function styleOf(locator: Locator, ...properties: string[]): Promise<Record<string, string>> {
  return locator.first().evaluate((element, names) => {
    const computed = (globalThis as unknown as StyleScope).getComputedStyle(element);
    return Object.fromEntries(names.map((name) => [name, computed.getPropertyValue(name)]));
  }, properties);
}

test('reduced motion: the level meter and every other transition stop moving; no smooth scrolling', async ({
  earshot,
  ui,
}) => {
  const page = earshot.page;
  await ui.liveLink.click();
  const fill = page.locator('.level-meter-fill');
  const scroller = page.locator('.transcript-scroller');

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await styleOf(fill, 'transition-duration')).toEqual({ 'transition-duration': '0.06s' });

  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await styleOf(fill, 'transition-duration')).toEqual({ 'transition-duration': '0s' });
  expect(await styleOf(scroller, 'scroll-behavior')).toEqual({ 'scroll-behavior': 'auto' });
  // No element on the screen is left with a running transition or animation.
  const moving = await page.evaluate(() => {
    const scope = globalThis as unknown as StyleScope;
    const lasts = (value: string) => value.split(',').some((part) => parseFloat(part) > 0);
    return [...scope.document.querySelectorAll('*')]
      .map((element) => scope.getComputedStyle(element))
      .filter(
        (style) =>
          lasts(style.getPropertyValue('transition-duration')) ||
          lasts(style.getPropertyValue('animation-duration')),
      ).length;
  });
  expect(moving).toBe(0);
});

test('forced colours: the level meter, the status dot, focus, disabled buttons and the current screen stay visible', async ({
  earshot,
  ui,
}) => {
  const page = earshot.page;
  await ui.liveLink.click();
  const meter = page.locator('.level-meter');
  const fill = page.locator('.level-meter-fill');
  const currentNav = ui.liveLink;
  const copyAll = page.getByTestId('copy-all');
  await expect(copyAll).toBeDisabled();

  await page.emulateMedia({ forcedColors: 'none' });
  expect(await styleOf(currentNav, 'text-decoration-line')).toEqual({ 'text-decoration-line': 'none' });
  expect(await styleOf(copyAll, 'opacity')).toEqual({ opacity: '0.5' });
  expect(await styleOf(meter, 'border-top-style')).toEqual({ 'border-top-style': 'none' });

  await page.emulateMedia({ forcedColors: 'active' });
  expect(
    await page.evaluate(
      () => (globalThis as unknown as StyleScope).matchMedia('(forced-colors: active)').matches,
    ),
  ).toBe(true);
  // The current screen is marked by more than a background.
  expect(await styleOf(currentNav, 'text-decoration-line')).toEqual({ 'text-decoration-line': 'underline' });
  // Disabled buttons use the system's GrayText instead of fading out.
  expect(await styleOf(copyAll, 'opacity')).toEqual({ opacity: '1' });
  // The meter has an outline and its fill keeps a colour of its own against the meter's.
  expect(await styleOf(meter, 'border-top-style', 'border-top-width')).toEqual({
    'border-top-style': 'solid',
    'border-top-width': '1px',
  });
  const [fillColour, meterColour] = await Promise.all([
    styleOf(fill, 'background-color'),
    styleOf(meter, 'background-color'),
  ]);
  expect(fillColour['background-color']).not.toBe(meterColour['background-color']);
  expect(fillColour['background-color']).not.toBe('rgba(0, 0, 0, 0)');
  // The status line's dot too (its words say the same; the dot must not vanish into the page).
  const dotColour = await styleOf(page.locator('.status-dot'), 'background-color');
  expect(dotColour['background-color']).not.toBe(meterColour['background-color']);

  // Keyboard focus draws a solid 3px outline in the system's Highlight.
  await ui.liveLink.focus();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus-visible');
  await expect(focused).toHaveCount(1);
  expect(await styleOf(focused, 'outline-style', 'outline-width')).toEqual({
    'outline-style': 'solid',
    'outline-width': '3px',
  });
});
