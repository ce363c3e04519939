/**
 * When the microphone is refused (main's permission handler, or the OS, says no), getUserMedia
 * fails with NotAllowedError and the window says what to do in a plain sentence; no session
 * keeps running and nothing is streamed.
 */
import { defaultMessages } from '../../src/shared/user-facing-error';
import { expect, test } from './harness/earshot-test';

test.use({ microphone: 'denied' });

test('a refused microphone is explained and nothing is streamed', async ({ emulator, ui }) => {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();

  await ui.startButton.click();

  await expect(ui.status).toContainText(defaultMessages['microphone-denied'], { timeout: 15_000 });
  await expect(ui.startButton).toBeVisible();
  const audioBytes = emulator.recorder.connections.reduce(
    (total, connection) => total + connection.audio.bytes,
    0,
  );
  expect(audioBytes).toBe(0);
});
