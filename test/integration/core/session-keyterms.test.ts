/**
 * Keyterms changed while a session runs, through the real SDK against the emulator: sent with
 * Configure where the endpoint supports it (Deepgram confirms, later words are spelled as the
 * keyterm), otherwise taken by the session's next connection; over the 500-token limit never sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  createHarness,
  pushFrames,
  silence,
  synthesizeSpeech,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { speechToolsMissing } from '../../support/speech-audio';

describe.skipIf(speechToolsMissing !== null)(
  'keyterms during a session, against the emulator (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    const phrase = 'Try deepgram today.';
    const speech = () => concatSamples(silence(300), synthesizeSpeech(phrase), silence(900));
    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(() => emulator.close());
    afterEach(() => emulator.recorder.clear());

    const controlTypes = (index: number) =>
      emulator.recorder.connections[index]?.controlMessages.map((message) => message.type) ?? [];

    it('with Configure: Deepgram confirms at once, on the same connection, and later words follow the keyterm', async () => {
      emulator.queueUtterances([phrase, phrase]);
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        tuning: { configureSupported: () => true },
      });
      await harness.controller.start();
      await pushFrames(harness.controller, toFrames(speech()), 2);
      await waitUntil(() => harness.finals().length >= 1, 5000, 'the first final');
      expect(await harness.controller.updateKeyterms(['DeepGram'])).toBe('now');
      await pushFrames(harness.controller, toFrames(speech()), 2);
      await waitUntil(() => harness.finals().length >= 2, 5000, 'the second final');
      await harness.controller.stop();

      expect(harness.finals().map((segment) => segment.text)).toEqual([
        'Try deepgram today.',
        'Try DeepGram today.',
      ]);
      expect(emulator.recorder.connections).toHaveLength(1);
      expect(controlTypes(0)).toContain('Configure');
    });

    it('without Configure (the endpoint does not take it): nothing is sent, and the next connection asks for them', async () => {
      emulator.queueUtterances([phrase, phrase]);
      // The emulator's 127.0.0.1 is not Deepgram's global endpoint: no Configure by default.
      const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
      await harness.controller.start();
      await pushFrames(harness.controller, toFrames(speech()), 2);
      await waitUntil(() => harness.finals().length >= 1, 5000, 'the first final');
      expect(await harness.controller.updateKeyterms(['DeepGram'])).toBe('next-connection');
      expect(controlTypes(0)).not.toContain('Configure');
      expect(emulator.recorder.connections[0]?.query['keyterm']).toBeUndefined();

      // The connection is replaced (as after a wake from sleep): the new one carries the keyterms.
      harness.controller.systemResumed();
      await waitUntil(() => emulator.recorder.connections.length >= 2, 5000, 'a second connection');
      await waitUntil(() => harness.states.at(-1)?.phase === 'live', 5000, 'live again');
      await pushFrames(harness.controller, toFrames(speech()), 2);
      await waitUntil(() => harness.finals().length >= 2, 5000, 'the second final');
      await harness.controller.stop();

      expect(emulator.recorder.connections[1]?.query['keyterm']).toBe('DeepGram');
      expect(harness.finals().at(-1)?.text).toBe('Try DeepGram today.');
    });

    it('over 500 tokens: refused with a sentence before anything is sent', async () => {
      const harness = createHarness({
        endpoint: emulator.url,
        key: emulator.demoKey,
        tuning: { configureSupported: () => true },
      });
      await harness.controller.start();
      const tooMany = Array.from({ length: 101 }, (_, index) => `alpha beta gamma delta word${index}`);
      await expect(harness.controller.updateKeyterms(tooMany)).rejects.toMatchObject({
        userFacing: {
          code: 'invalid-request',
          message: 'Keyterms may hold at most 500 words in total; these hold 505.',
        },
      });
      await harness.controller.stop();
      expect(controlTypes(0)).not.toContain('Configure');
    });

    it('with no session running there is nothing to send to', async () => {
      const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey });
      expect(await harness.controller.updateKeyterms(['DeepGram'])).toBeNull();
      expect(emulator.recorder.connections).toHaveLength(0);
    });
  },
);
