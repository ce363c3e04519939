import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  synthesizeSpeech,
  frames,
  openSdkSocket,
  results,
  silence,
  speechSpans,
} from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

describe.skipIf(speechToolsMissing !== null)(
  'emulator /v1/listen with espeak-ng speech through the SDK (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    const first = synthesizeSpeech('The quick brown fox jumps over the lazy dog near the river bank.');
    const second = synthesizeSpeech('Please send the report today.');
    const audio = concatSamples(silence(500), first, silence(1200), second, silence(1200));

    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(async () => {
      await emulator.close();
    });

    it('finds utterances where the speech is and sends interim then final Results with word times inside', async () => {
      emulator.queueUtterances([
        'the quick brown fox jumps over the lazy dog near the river bank',
        'please send it',
      ]);
      const { socket, messages, closed } = await openSdkSocket(
        emulator.url,
        { apiKey: emulator.demoKey },
        {
          interim_results: 'true',
          punctuate: 'true',
          endpointing: 300,
        },
      );
      for (const frame of frames(audio)) socket.sendMedia(frame);
      socket.sendCloseStream({ type: 'CloseStream' });
      expect((await closed).code).toBe(1000);

      const spans = speechSpans(audio);
      expect(spans).toHaveLength(2);
      const finals = results(messages).filter((message) => message.is_final);
      expect(finals.map((message) => message.channel.alternatives[0]?.transcript)).toEqual([
        'The quick brown fox jumps over the lazy dog near the river bank.',
        'Please send it.',
      ]);
      finals.forEach((message, index) => {
        expect(message.speech_final).toBe(true);
        const [spanStart, spanEnd] = spans[index] as [number, number];
        const words = message.channel.alternatives[0]?.words ?? [];
        expect(Math.abs((words[0]?.start ?? -1) - spanStart)).toBeLessThan(0.1);
        expect(Math.abs((words[words.length - 1]?.end ?? -1) - spanEnd)).toBeLessThan(0.1);
        for (const word of words) {
          expect(word.start).toBeGreaterThanOrEqual(spanStart - 0.1);
          expect(word.end).toBeLessThanOrEqual(spanEnd + 0.1);
          expect(word.end).toBeGreaterThan(word.start);
        }
      });
      const firstFinal = messages.indexOf(finals[0] as never);
      const interims = results(messages.slice(0, firstFinal)).filter((message) => !message.is_final);
      expect(interims.length).toBeGreaterThanOrEqual(2);
      expect(interims[0]?.channel.alternatives[0]?.transcript.length).toBeGreaterThan(0);
    });
  },
);
