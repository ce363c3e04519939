/** Choosing what Earshot listens to on the settings screen, as a person would. */
import { expect, type Page } from '@playwright/test';
import type { AudioSource } from '../../../src/shared/settings';
import type { EarshotUi } from './earshot-ui';

/** Picks the source (and, optionally, the system audio input by its label) and saves the settings. */
export async function chooseAudioSource(
  ui: EarshotUi,
  source: AudioSource,
  systemInputLabel?: string,
): Promise<void> {
  await ui.page.getByTestId(`audio-source-${source}`).check();
  if (systemInputLabel) {
    await ui.page.getByTestId('system-audio-select').selectOption({ label: systemInputLabel });
  }
  await ui.saveSettingsButton.click();
  await expect(ui.settingsSaved).toBeVisible();
}

interface PageTrack {
  label: string;
  readyState: string;
}
interface PageGlobals {
  navigator: {
    mediaDevices: {
      enumerateDevices(): Promise<Array<{ kind: string; label: string }>>;
      getUserMedia(constraints: unknown): Promise<{ getAudioTracks(): PageTrack[] }>;
    };
  };
  openedTracks: PageTrack[];
}

/** The audio inputs Chromium lists (labels are known once the microphone permission is granted). */
export async function audioInputLabels(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await (globalThis as unknown as PageGlobals).navigator.mediaDevices.enumerateDevices())
      .filter((device) => device.kind === 'audioinput')
      .map((device) => device.label),
  );
}

/** From now on, keeps every audio track getUserMedia hands the window, so the test can name the inputs opened. */
export async function recordOpenedInputs(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const { mediaDevices } = page.navigator;
    page.openedTracks = [];
    const open = mediaDevices.getUserMedia.bind(mediaDevices);
    mediaDevices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      page.openedTracks.push(...stream.getAudioTracks());
      return stream;
    };
  });
  return () =>
    page.evaluate(() => (globalThis as unknown as PageGlobals).openedTracks.map((track) => track.label));
}
