/**
 * The settings this part adds, set as a person would: the language from Deepgram's list for the
 * chosen model (multilingual on Nova-3), another code typed when the list lacks it, and the
 * caption overlay's look.
 */
import { expect, test } from './harness/earshot-test';

test('the language list follows the model, another code can be typed, and the overlay look is saved', async ({
  earshot,
  ui,
}) => {
  test.setTimeout(120_000);
  await ui.settingsLink.click();
  const language = earshot.page.getByTestId('language-select');
  await expect(language).toHaveValue('en');
  await expect(earshot.page.getByTestId('language-input')).toHaveCount(0);

  await language.selectOption('multi');
  await expect(earshot.page.locator('#language-multi-help')).toBeVisible();
  await ui.saveSettingsButton.click();
  await expect(earshot.page.getByTestId('settings-saved')).toBeVisible();
  expect(earshot.main.core.currentSettings().language).toBe('multi');

  // An older model does not stream multilingual: the list lacks it, so the code shows as typed text.
  await ui.retype(ui.modelInput, 'base');
  await expect(language.locator('option[value="multi"]')).toHaveCount(0);
  await expect(earshot.page.getByTestId('language-input')).toHaveValue('multi');

  // A code the list does not know yet.
  await ui.retype(ui.modelInput, 'nova-3');
  await language.selectOption('');
  await ui.retype(earshot.page.getByTestId('language-input'), 'sw');
  await earshot.page.getByTestId('overlay-lines-select').selectOption('4');
  await earshot.page.getByTestId('overlay-contrast-select').selectOption('high-contrast');
  await earshot.page.getByTestId('overlay-transparent-toggle').check();
  await ui.saveSettingsButton.click();
  await expect(earshot.page.getByTestId('settings-saved')).toBeVisible();
  expect(earshot.main.core.currentSettings().language).toBe('sw');
  expect(earshot.main.core.currentSettings().overlay).toMatchObject({
    lines: 4,
    contrast: 'high-contrast',
    transparent: true,
  });
});
