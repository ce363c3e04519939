/**
 * The Playwright `test` for the browser specs: each test gets its own Deepgram
 * emulator, its own Earshot (fresh browser with the test's microphone WAV, fresh userData,
 * empty keychain entry) with the endpoint already pointing at the emulator, and the speech
 * fixture's description.
 */
import { test as base } from '@playwright/test';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { makeSpeechFixture, type SpeechFixture } from '../../fixtures/make-speech';
import { EarshotUi } from './earshot-ui';
import { launchEarshot, type EarshotApp } from './launch-earshot';
import type { MicrophoneDecision } from './permission-emulation';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './platform';

export interface EarshotTestOptions {
  /** The WAV the fake microphone plays; defaults to the speech fixture. */
  microphoneWav: string | null;
  microphone: MicrophoneDecision;
}

export interface EarshotFixtures {
  speech: SpeechFixture;
  emulator: DeepgramEmulator;
  earshot: EarshotApp;
  ui: EarshotUi;
}

export const test = base.extend<EarshotTestOptions & EarshotFixtures>({
  microphoneWav: [null, { option: true }],
  microphone: ['app-policy', { option: true }],
  // makeSpeechFixture reuses what globalSetup generated; it rebuilds only if the sentences changed.
  // eslint-disable-next-line no-empty-pattern
  speech: async ({}, use, testInfo) => {
    testInfo.skip(!browserSuitePlatformOk, browserSuiteSkipReason);
    await use(makeSpeechFixture());
  },
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    const emulator = await startDeepgramEmulator();
    await use(emulator);
    await emulator.close();
  },
  earshot: async ({ emulator, speech, microphoneWav, microphone }, use, testInfo) => {
    const app = await launchEarshot({
      microphoneWav: microphoneWav ?? speech.wavPath,
      microphone,
      endpoint: emulator.url,
    });
    await use(app);
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('renderer-console.txt', {
        body: app.console.join('\n'),
        contentType: 'text/plain',
      });
      await testInfo.attach('main-log.txt', {
        body: app.main.logLines.join('\n'),
        contentType: 'text/plain',
      });
    }
    await app.close();
  },
  ui: async ({ earshot }, use) => {
    await use(new EarshotUi(earshot.page));
  },
});

export { expect } from '@playwright/test';
