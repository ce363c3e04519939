import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  frames,
  openSdkSocket,
  silence,
  speechSpans,
  synthesizeSpeech,
  type DeepgramMessage,
} from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

/** Interleaves two mono streams sample by sample (the shorter padded with silence). */
function interleave(left: Int16Array, right: Int16Array): Int16Array {
  const length = Math.max(left.length, right.length);
  const out = new Int16Array(length * 2);
  for (let index = 0; index < length; index += 1) {
    out[index * 2] = left[index] ?? 0;
    out[index * 2 + 1] = right[index] ?? 0;
  }
  return out;
}

interface ChannelResult {
  channel_index: [number, number];
  is_final: boolean;
  channel: { alternatives: Array<{ transcript: string; words: Array<{ start: number; end: number }> }> };
}

const finalsOf = (messages: DeepgramMessage[], channel: number) =>
  (messages.filter((message) => message.type === 'Results') as unknown as ChannelResult[]).filter(
    (message) => message.is_final && message.channel_index[0] === channel,
  );

describe.skipIf(speechToolsMissing !== null)(
  'emulator multichannel=true&channels=2 (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    // Channel 0 speaks first and once; channel 1 speaks twice, later: mixing them would blur both.
    const you = concatSamples(silence(500), synthesizeSpeech('Good morning everyone.'), silence(6000));
    const othersSpeech = concatSamples(
      synthesizeSpeech('The budget is ready.'),
      silence(1200),
      synthesizeSpeech('Thank you all.'),
    );
    const others = concatSamples(silence(you.length / 16 - 4000), othersSpeech, silence(1500));

    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(async () => {
      await emulator.close();
    });

    it('transcribes each channel on its own and answers one Results per channel with channel_index', async () => {
      emulator.queueUtterances(['good morning everyone'], 0);
      emulator.queueUtterances(['the budget is ready', 'thank you all'], 1);
      const { socket, messages, closed } = await openSdkSocket(
        emulator.url,
        { apiKey: emulator.demoKey },
        { channels: 2, multichannel: 'true', punctuate: 'true', interim_results: 'true', vad_events: 'true' },
      );
      for (const frame of frames(interleave(you, others), 640)) socket.sendMedia(frame);
      socket.sendCloseStream({ type: 'CloseStream' });
      expect((await closed).code).toBe(1000);

      const transcripts = (channel: number) =>
        finalsOf(messages, channel)
          .map((message) => message.channel.alternatives[0]?.transcript ?? '')
          .filter((text) => text !== '');
      expect(transcripts(0)).toEqual(['Good morning everyone.']);
      expect(transcripts(1)).toEqual(['The budget is ready.', 'Thank you all.']);
      for (const message of messages.filter((m) => m.type === 'Results') as unknown as ChannelResult[]) {
        expect(message.channel_index[1]).toBe(2);
      }
      // Each channel's words lie where that channel's speech is, not the other's.
      for (const [channel, audio] of [
        [0, you],
        [1, others],
      ] as const) {
        const spans = speechSpans(audio);
        const words = finalsOf(messages, channel).flatMap(
          (message) => message.channel.alternatives[0]?.words ?? [],
        );
        expect(words.length).toBeGreaterThan(0);
        for (const word of words) {
          expect(spans.some(([start, end]) => word.start >= start - 0.15 && word.end <= end + 0.15)).toBe(
            true,
          );
        }
      }
      const speechStarted = messages.filter((message) => message.type === 'SpeechStarted');
      expect(speechStarted.map((message) => (message['channel'] as number[])[0]).sort()).toEqual([0, 1, 1]);
      // The recorder keeps which channel each result was for.
      const recorded = emulator.recorder.connections.at(-1)?.results ?? [];
      expect(
        recorded.filter((result) => result.isFinal && result.transcript !== '').map((r) => r.channel),
      ).toEqual(expect.arrayContaining([0, 1, 1]));
    });

    it('without multichannel, two channels are averaged into one transcript on channel 0 of 1', async () => {
      emulator.clearUtterances();
      emulator.queueUtterances(['good morning everyone', 'the budget is ready', 'thank you all']);
      const { socket, messages, closed } = await openSdkSocket(
        emulator.url,
        { apiKey: emulator.demoKey },
        { channels: 2, punctuate: 'true' },
      );
      for (const frame of frames(interleave(you, others), 640)) socket.sendMedia(frame);
      socket.sendCloseStream({ type: 'CloseStream' });
      expect((await closed).code).toBe(1000);
      const finals = finalsOf(messages, 0).filter((m) => m.channel.alternatives[0]?.transcript !== '');
      expect(finals.map((m) => m.channel_index)).toEqual([
        [0, 1],
        [0, 1],
        [0, 1],
      ]);
    });
  },
);
