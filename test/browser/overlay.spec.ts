/**
 * The caption overlay's renderer in Chromium, with its own built preload under the Electron
 * emulation and the app's own overlay wiring, beside the main window, while speech flows:
 * it shows the words (interim apart from finals), speaker labels and the language where it
 * changes; its commands reach main (click-through, lines) and only its own contract exists.
 */
import type { EmulatedWebContents } from './harness/electron-main-emulation';
import { expect, test } from './harness/earshot-test';
import { openOverlayWindow, type OverlayWindow } from './harness/overlay-window';
import { containsInOrder } from './harness/transcript-match';
import { decodeWire } from './harness/wire-codec';
import { invokeContract } from '../../src/shared/ipc-contract';
import { overlayEventContract, overlayInvokeContract } from '../../src/shared/overlay-contract';

let overlay: OverlayWindow | null = null;
test.afterEach(async () => {
  await overlay?.close();
  overlay = null;
});

/** Records, inside the overlay, every interim text it showed and whether it was styled apart. */
async function watchInterims(
  page: OverlayWindow['page'],
): Promise<() => Promise<{ text: string; italic: boolean }[]>> {
  await page.evaluate(() => {
    interface Element {
      textContent: string | null;
    }
    const scope = globalThis as unknown as {
      document: { querySelector(selector: string): Element | null; body: unknown };
      getComputedStyle(element: Element): { fontStyle: string };
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
      __interims: { text: string; italic: boolean }[];
    };
    const seen: { text: string; italic: boolean }[] = [];
    scope.__interims = seen;
    const record = () => {
      const interim = scope.document.querySelector('[data-testid="overlay-interim"]');
      const text = interim?.textContent?.trim() ?? '';
      if (interim && text !== '' && seen.at(-1)?.text !== text)
        seen.push({ text, italic: scope.getComputedStyle(interim).fontStyle === 'italic' });
    };
    new scope.MutationObserver(record).observe(scope.document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  return () =>
    page.evaluate(
      () => (globalThis as unknown as { __interims: { text: string; italic: boolean }[] }).__interims,
    );
}

test('the overlay shows the words with speaker labels and the language, interim words apart from finals', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(240_000);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await earshot.main.core.invokeHandlers.updateSettings({ diarize: true, language: 'multi' });
  overlay = await openOverlayWindow(earshot);
  const captions = overlay.page.getByTestId('overlay-captions');
  await expect(captions).toContainText('Captions appear here when Earshot is listening.');
  const interims = await watchInterims(overlay.page);

  await ui.goToLiveView();
  const [first, second, third] = speech.utterances as [string, string, string];
  // The emulator: speaker 0, then speaker 1 speaking French, then speaker 0 again.
  emulator.queueUtterances([first, `{speaker=1 language=fr} ${second}`, `{speaker=0} ${third}`]);
  await ui.startButton.click();

  await expect
    .poll(async () => containsInOrder((await captions.innerText()).replace(/\s+/g, ' '), third), {
      timeout: speech.durationMs + 60_000,
      message: 'the overlay shows the last utterance',
    })
    .toBe(true);
  const shown = (await captions.innerText()).replace(/\s+/g, ' ');
  expect(containsInOrder(shown, `Speaker 2: French ${second}`)).toBe(true);
  expect(containsInOrder(shown, `Speaker 1: English ${third}`)).toBe(true);
  // The main window labels the same speakers and languages.
  const live = await ui.finalTranscript();
  expect(
    containsInOrder(
      live,
      `Speaker 1: English ${first} Speaker 2: French ${second} Speaker 1: English ${third}`,
    ),
  ).toBe(true);

  const interimsSeen = await interims();
  expect(interimsSeen.length).toBeGreaterThan(0);
  expect(interimsSeen.every((interim) => interim.italic)).toBe(true);
  await expect(overlay.page.getByTestId('overlay-final').first()).toHaveCSS('font-style', 'normal');
  expect(overlay.console.filter((line) => line.startsWith('pageerror') || line.startsWith('error'))).toEqual(
    [],
  );
});

test('the overlay’s commands reach main: click-through and back, more lines saved in settings', async ({
  earshot,
}) => {
  overlay = await openOverlayWindow(earshot);
  const { page } = overlay;
  await page.getByTestId('overlay').hover();
  await page.getByTestId('overlay-click-through').click();
  await expect(page.getByTestId('overlay-click-through-note')).toHaveText(
    'Click-through: Ctrl+Alt+C turns it off',
  );
  expect(overlay.clickThroughCalls).toEqual([true]);

  // The global shortcut (or the tray item) turns it off from main; the overlay follows.
  overlay.wired.service.setClickThrough(false);
  await expect(page.getByTestId('overlay-click-through')).toBeVisible();
  expect(overlay.clickThroughCalls).toEqual([true, false]);

  await page.getByTestId('overlay').hover();
  await page.getByTestId('overlay-more-lines').click();
  await expect(page.getByTestId('overlay-lines')).toHaveText('3 lines');
  expect(earshot.main.core.currentSettings().overlay.lines).toBe(3);
  await expect(page.getByTestId('overlay')).toHaveCSS('--caption-lines', '3');

  // A change made in Settings restyles the open overlay.
  await earshot.main.core.invokeHandlers.updateSettings({
    overlay: { ...earshot.main.core.currentSettings().overlay, contrast: 'high-contrast' },
  });
  await expect(page.getByTestId('overlay')).toHaveAttribute('data-contrast', 'high-contrast');
  await expect(page.getByTestId('overlay')).toHaveCSS('background-color', 'rgb(0, 0, 0)');

  await page.getByTestId('overlay').hover();
  await page.getByTestId('overlay-hide').click();
  await expect.poll(() => overlay?.hideCalls()).toBe(1);
});

test('the overlay has its own bridge only: no window.earshot, and main’s channels refuse it', async ({
  earshot,
}) => {
  overlay = await openOverlayWindow(earshot);
  const names = await overlay.page.evaluate(() => ({
    earshot: 'earshot' in globalThis,
    overlay: Object.keys((globalThis as unknown as { earshotOverlay: object }).earshotOverlay).sort(),
  }));
  expect(names.earshot).toBe(false);
  expect(names.overlay).toEqual(
    [...Object.keys(overlayInvokeContract), ...Object.keys(overlayEventContract)].sort(),
  );

  // A taken-over overlay renderer that reached ipcRenderer still cannot use main's channels (its
  // webContents is not the main window's), and the main window cannot use the overlay's.
  const invokeAs = async (webContents: EmulatedWebContents, channel: string) => {
    const event = { sender: webContents, senderFrame: webContents.mainFrame, processId: 0, frameId: 0 };
    const reply = await earshot.ipcMain.invoke(event, channel, [undefined]);
    return reply.ok ? decodeWire(reply.value) : reply.message;
  };
  expect(await invokeAs(overlay.window.webContents, invokeContract.getSettings.channel)).toMatchObject({
    ok: false,
    error: { code: 'invalid-request' },
  });
  expect(
    await invokeAs(earshot.window.webContents, overlayInvokeContract.getOverlayView.channel),
  ).toMatchObject({
    ok: false,
    error: { code: 'invalid-request' },
  });
  // The overlay's own channel from the overlay is answered.
  expect(
    await invokeAs(overlay.window.webContents, overlayInvokeContract.getOverlayView.channel),
  ).toMatchObject({
    ok: true,
  });
});
