/**
 * A dictation that loses Deepgram part-way: the first utterance is transcribed live, then
 * every connection is dropped and every handshake refused with 503, so the rest of the
 * speech is held in main while the session tries to reconnect. Shared by the specs about
 * Stop during an outage and the audio kept to be transcribed later.
 */
import type { Page } from '@playwright/test';
import type { DeepgramEmulator } from '../../../emulator/index';
import type { SpeechFixture } from '../../fixtures/make-speech';
import { expect } from './earshot-test';
import type { EarshotUi } from './earshot-ui';
import { containsInOrder } from './transcript-match';

/** More refusals than any test makes handshakes: the outage lasts until faults.reset(). */
const refusalsForAnOutage = 10_000;

export interface Outage {
  /** The utterance transcribed live, before the outage. */
  heardLive: string;
  /** The utterances spoken while Deepgram could not be reached. */
  spokenOffline: string[];
}

/** Key set up, dictation started, the outage begun and the whole file spoken into it; Stop not yet pressed. */
export async function dictateIntoOutage(
  page: Page,
  ui: EarshotUi,
  emulator: DeepgramEmulator,
  speech: SpeechFixture,
): Promise<Outage> {
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  const [heardLive, ...spokenOffline] = speech.utterances as [string, ...string[]];

  await ui.startButton.click();
  const startedAt = Date.now();
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), heardLive), { timeout: 20_000 })
    .toBe(true);
  emulator.faults.refuseHandshakes(refusalsForAnOutage, 503);
  emulator.faults.dropConnections();
  await expect.poll(() => ui.phase()).toBe('reconnecting');
  // The rest of the file (its trailing silence included) is spoken while Deepgram is away.
  await page.waitForTimeout(Math.max(0, startedAt + speech.durationMs + 500 - Date.now()));
  return { heardLive, spokenOffline };
}
