/**
 * The microphone changes mid-session, as when a USB microphone is pulled out and when a
 * headset becomes the system's default: the window moves to the new input without ending the
 * session and says so. Chromium's fake devices stand in for the hardware: the test ends the
 * capture's track as the browser would ('ended' after the device went), and reports a new
 * default through enumerateDevices and a 'devicechange' event. One session, one connection,
 * and the endpoint hears audio for the whole session but the short gaps while switching.
 */
import type { Page } from '@playwright/test';
import { deviceLostMessage } from '../../src/renderer/audio/capture-errors';
import { expect, test } from './harness/earshot-test';
import { containsInOrder } from './harness/transcript-match';

/** The page's media API, as far as this spec touches it (the Node typecheck has no DOM library). */
interface PageTrack {
  label: string;
  readyState: string;
  stop(): void;
  dispatchEvent(event: Event): boolean;
}
interface PageStream {
  getAudioTracks(): PageTrack[];
}
interface PageDevice {
  deviceId: string;
  groupId: string;
  kind: string;
  label: string;
}
interface PageMediaDevices {
  getUserMedia(constraints: unknown): Promise<PageStream>;
  enumerateDevices(): Promise<PageDevice[]>;
  dispatchEvent(event: Event): boolean;
}
interface PageGlobals {
  navigator: { mediaDevices: PageMediaDevices };
  capturedStreams: PageStream[];
}

/** Keeps every stream getUserMedia hands the window, so the test can act on its tracks. */
async function watchStreams(page: Page): Promise<void> {
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const { mediaDevices } = page.navigator;
    page.capturedStreams = [];
    const open = mediaDevices.getUserMedia.bind(mediaDevices);
    mediaDevices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      page.capturedStreams.push(stream);
      return stream;
    };
  });
}

function tracks(page: Page): Promise<Array<{ label: string; readyState: string }>> {
  return page.evaluate(() =>
    (globalThis as unknown as PageGlobals).capturedStreams.map((stream) => {
      const track = stream.getAudioTracks()[0]!;
      return { label: track.label, readyState: track.readyState };
    }),
  );
}

/** The device behind the newest track went away: its track ends, as the browser ends it. */
function unplugCurrentInput(page: Page): Promise<void> {
  return page.evaluate(() => {
    const track = (globalThis as unknown as PageGlobals).capturedStreams.at(-1)!.getAudioTracks()[0]!;
    track.stop();
    track.dispatchEvent(new Event('ended'));
  });
}

/** The system's default input is now the device labelled `label`: enumerateDevices says so. */
function makeDefault(page: Page, label: string): Promise<void> {
  return page.evaluate(async (newDefault) => {
    const { mediaDevices } = (globalThis as unknown as PageGlobals).navigator;
    const list = mediaDevices.enumerateDevices.bind(mediaDevices);
    const target = (await list()).find((device) => device.label === newDefault)!;
    mediaDevices.enumerateDevices = async () =>
      (await list()).map((device) =>
        device.kind === 'audioinput' && device.deviceId === 'default'
          ? // Spelled out: a MediaDeviceInfo's fields are getters, which a spread would not copy.
            {
              deviceId: 'default',
              kind: 'audioinput',
              groupId: target.groupId,
              label: `Default - ${newDefault}`,
            }
          : device,
      );
    mediaDevices.dispatchEvent(new Event('devicechange'));
  }, label);
}

/** No audio input is listed any more. */
function unlistEveryInput(page: Page): Promise<void> {
  return page.evaluate(() => {
    (globalThis as unknown as PageGlobals).navigator.mediaDevices.enumerateDevices = async () => [];
  });
}

test('a microphone pulled out, then a new default: the session goes on from the new input and says so', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(90_000);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  await watchStreams(earshot.page);

  await ui.startButton.click();
  const startedAt = Date.now();
  const [first] = speech.utterances as [string];
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), first), { timeout: 20_000 })
    .toBe(true);

  await unplugCurrentInput(earshot.page);
  await expect(ui.sessionNotices).toContainText('Switched to the new microphone: Fake Default Audio Input.');
  await expect(ui.status).not.toContainText(deviceLostMessage);
  expect(await ui.phase()).toBe('live');
  await earshot.page.waitForTimeout(2_000);

  await makeDefault(earshot.page, 'Fake Audio Input 2');
  await expect(ui.sessionNotices).toContainText('Switched to the new microphone: Fake Audio Input 2.');
  expect(await tracks(earshot.page)).toEqual([
    { label: 'Fake Default Audio Input', readyState: 'ended' },
    { label: 'Fake Default Audio Input', readyState: 'ended' },
    { label: 'Fake Audio Input 2', readyState: 'live' },
  ]);
  await earshot.page.waitForTimeout(3_000);
  expect(await ui.phase()).toBe('live');
  const stoppedAt = Date.now();
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 15_000 });
  // The microphone is released only once Stop has the worklet's last frames.
  const releasedAt = Date.now();
  expect(await ui.phase()).toBe('idle');

  // One session on one connection, and audio for all of it but the switches' short gaps.
  const streams = emulator.recorder.connections.filter(
    (connection) => connection.handshakeStatus === 101 && connection.audio.bytes > 0,
  );
  expect(streams).toHaveLength(1);
  const receivedMs = streams[0]!.audio.durationMs;
  const sessionMs = stoppedAt - startedAt;
  const heldMs = releasedAt - startedAt;
  test.info().annotations.push({
    type: 'audio',
    description: `endpoint received ${Math.round(receivedMs)} ms of audio; Stop pressed after ${sessionMs} ms, microphone released after ${heldMs} ms; two switches`,
  });
  expect(receivedMs).toBeGreaterThan(sessionMs - 1_500);
  expect(receivedMs).toBeLessThan(heldMs + 500);
  const history = await earshot.main.core.invokeHandlers.listHistory(undefined);
  expect(history).toHaveLength(1);
});

test('when no input is left, the session stays on, silent, and says the microphone was disconnected', async ({
  earshot,
  emulator,
  ui,
}) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  await watchStreams(earshot.page);
  await ui.startButton.click();
  await expect.poll(() => ui.phase(), { timeout: 15_000 }).toBe('live');
  await unlistEveryInput(earshot.page);
  await unplugCurrentInput(earshot.page);
  await expect(ui.status).toContainText(deviceLostMessage);
  expect(await ui.phase()).toBe('live');
  expect(await tracks(earshot.page)).toHaveLength(1);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 15_000 });
});
