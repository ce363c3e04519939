import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { synthesizeToneCode, toneCodeDefaults, toneCodeVocabulary } from '../../../emulator/tone-code';
import { rawSocket, results } from '../../support/emulator-client';

const baseQuery =
  'model=nova-3&encoding=linear16&sample_rate=16000&channels=1&interim_results=true&endpointing=300';

/** Deterministic PRNG so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomUtterances(next: () => number, count: number): string[][] {
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 6) }, () => {
      return toneCodeVocabulary[Math.floor(next() * toneCodeVocabulary.length)] as string;
    }),
  );
}

/** Sample ranges of the silences between utterances (where a replay may start). */
function gapRanges(utterances: string[][]): Array<[number, number]> {
  const ms = (value: number): number => Math.round((16000 * value) / 1000);
  const { wordMs, gapMs, utteranceGapMs } = toneCodeDefaults;
  const ranges: Array<[number, number]> = [[0, ms(200)]];
  let cursor = ms(200);
  for (const words of utterances) {
    cursor += words.length * ms(wordMs) + (words.length - 1) * ms(gapMs);
    ranges.push([cursor, cursor + ms(utteranceGapMs)]);
    cursor += ms(utteranceGapMs);
  }
  return ranges;
}

describe('tone-code', () => {
  describe('through the emulator', () => {
    let emulator: DeepgramEmulator;
    beforeAll(async () => {
      emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
    });
    afterAll(async () => {
      await emulator.close();
    });

    it.each([1, 2, 3, 4, 5, 6])(
      'round-trips at random chunk sizes and start offsets (seed %i)',
      async (seed) => {
        const next = random(seed);
        const utterances = randomUtterances(next, 4);
        const audio = synthesizeToneCode(utterances);
        // Start anywhere in the silence before one of the first two utterances, at any sample.
        const gaps = gapRanges(utterances);
        const gapIndex = Math.floor(next() * 2);
        const [gapStart, gapEnd] = gaps[gapIndex] as [number, number];
        const offset = gapStart + Math.floor(next() * (gapEnd - gapStart - 10));
        const bytes = Buffer.from(audio.buffer, audio.byteOffset + offset * 2, (audio.length - offset) * 2);

        const { ws, messages, closed } = await rawSocket(emulator.url, baseQuery, {
          headers: { authorization: `Token ${emulator.demoKey}` },
        });
        for (let position = 0; position < bytes.length;) {
          const size = 1 + Math.floor(next() * 3000);
          ws.send(bytes.subarray(position, position + size));
          position += size;
        }
        ws.send(JSON.stringify({ type: 'CloseStream' }));
        expect((await closed).code).toBe(1000);

        const finals = results(messages).filter((message) => message.is_final);
        const expected = utterances.slice(gapIndex);
        expect(finals.map((message) => message.channel.alternatives[0]?.transcript)).toEqual(
          expected.map((words) => words.join(' ')),
        );
        expect(finals.every((message) => message.speech_final)).toBe(true);
        // Interims come during utterances longer than a second and never contradict the final.
        let pending: string[] = [];
        const longest = Math.max(...expected.map((words) => words.length));
        if (longest >= 4) expect(results(messages).some((message) => !message.is_final)).toBe(true);
        for (const message of results(messages)) {
          const words = message.channel.alternatives[0]?.words.map((word) => word.word) ?? [];
          if (!message.is_final) {
            pending = words;
            continue;
          }
          expect(words.slice(0, pending.length)).toEqual(pending);
          pending = [];
        }
        // Word times are connection audio time: each burst's start, measured from the offset.
        const { wordMs, gapMs, utteranceGapMs } = toneCodeDefaults;
        let burstMs = (gaps[gapIndex]?.[1] ?? 0) / 16 - offset / 16;
        finals.forEach((message, index) => {
          for (const word of message.channel.alternatives[0]?.words ?? []) {
            expect(Math.abs(word.start * 1000 - burstMs)).toBeLessThan(20);
            expect(Math.abs(word.end * 1000 - (burstMs + wordMs))).toBeLessThan(20);
            burstMs += wordMs + gapMs;
          }
          burstMs += utteranceGapMs - gapMs;
          expect(message.start).toBeGreaterThanOrEqual(0);
          if (index > 0) {
            const previous = finals[index - 1];
            expect(message.start).toBeCloseTo((previous?.start ?? 0) + (previous?.duration ?? 0), 3);
          }
        });
      },
    );
  });
});
