/**
 * A "both" session through main's real session controller against the emulator (tone-code: each
 * burst is one exact word, so every channel's words are ground truth): two channels on the
 * wire, a frame that would split a sample frame refused, and a dropped connection replayed from
 * a whole sample frame, so each channel's words stay on their channel, once each.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDeepgramEmulator, synthesizeToneCode, type DeepgramEmulator } from '../../../emulator/index';
import { createHarness, pushFrames, waitUntil } from '../../support/session-test-kit';

const youWords = [
  ['alpha', 'bravo'],
  ['charlie', 'delta'],
  ['india', 'juliet'],
];
const othersWords = [
  ['echo', 'foxtrot'],
  ['golf', 'hotel'],
  ['kilo', 'lima'],
];

/** 20 ms frames of interleaved two-channel linear16 (1280 bytes each). */
function twoChannelFrames(left: Int16Array, right: Int16Array): ArrayBuffer[] {
  const samples = Math.max(left.length, right.length);
  const frames: ArrayBuffer[] = [];
  for (let start = 0; start < samples; start += 320) {
    const frame = new Int16Array(640);
    for (let index = 0; index < 320; index += 1) {
      frame[index * 2] = left[start + index] ?? 0;
      frame[index * 2 + 1] = right[start + index] ?? 0;
    }
    frames.push(frame.buffer);
  }
  return frames;
}

let emulator: DeepgramEmulator;
beforeAll(async () => {
  emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
});
afterAll(() => emulator.close());

it('streams two channels, refuses a split frame, and after a drop each channel keeps its own words once', async () => {
  // The other side starts 500 ms later, so the two channels' words never line up.
  const you = synthesizeToneCode(youWords);
  const others = new Int16Array(you.length + 8000);
  others.set(synthesizeToneCode(othersWords), 8000);
  const frames = twoChannelFrames(you, others);
  const harness = createHarness({
    endpoint: emulator.url,
    key: emulator.demoKey,
    settings: { audioSource: 'both' },
    tuning: { replayRealTimeFactor: 4 },
  });
  // The first connection is cut after 2.5 s of audio: the rest is replayed on the next one.
  emulator.faults.dropAfterAudioMs(2500);
  await harness.controller.start();
  await pushFrames(harness.controller, frames.slice(0, 40), 4);
  // 642 bytes: whole mono samples, but half a two-channel sample frame at the end.
  harness.controller.pushAudio(new ArrayBuffer(642));
  await pushFrames(harness.controller, frames.slice(40), 4);
  await harness.controller.stop();

  const connections = emulator.recorder.connections.filter((connection) => connection.audio.bytes > 0);
  expect(connections.length).toBeGreaterThanOrEqual(2);
  for (const connection of connections) {
    expect(connection.query).toMatchObject({ channels: '2', multichannel: 'true', encoding: 'linear16' });
    expect(connection.audio.bytes % 4).toBe(0);
  }
  expect(harness.log.lines.some((line) => line.includes('audio frame refused'))).toBe(true);

  await waitUntil(() => harness.finals().length > 0, 5000, 'finals');
  const wordsOn = (channel: number) =>
    harness
      .finals()
      .filter((segment) => segment.channel === channel)
      .flatMap((segment) => segment.words.map((word) => word.word));
  expect(wordsOn(0)).toEqual(youWords.flat());
  expect(wordsOn(1)).toEqual(othersWords.flat());
  expect(harness.finals().every((segment) => segment.channel === 0 || segment.channel === 1)).toBe(true);
  const ids = harness.finals().map((segment) => segment.id);
  expect(new Set(ids).size).toBe(ids.length);
});
