/**
 * "Both" (microphone + system audio as two channels): the session's format and every byte↔time
 * computation that follows it, the listen query, the refusal of frames that split a sample
 * frame, the rate guard, and stitching each channel apart.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/shared/settings';
import {
  audioFormatForSource,
  monoAudioFormat,
  twoChannelAudioFormat,
} from '../../../src/main/core/session/audio-format';
import { AudioLog } from '../../../src/main/core/session/audio-log';
import { ChannelStitchers } from '../../../src/main/core/session/channel-stitchers';
import { parseListenMessage, type ListenMessage } from '../../../src/main/core/session/listen-messages';
import { listenQueryFromSettings } from '../../../src/main/core/session/listen-query';
import { ReplayPlanner } from '../../../src/main/core/session/replay-planner';
import { createAudioRateGuard } from '../../../src/main/ipc/audio-rate-guard';

type Results = Extract<ListenMessage, { type: 'results' }>;

function results(channelIndex: number, words: Array<[string, number, number]>, isFinal: boolean): Results {
  return {
    type: 'results',
    start: 0,
    duration: 2,
    isFinal,
    speechFinal: isFinal,
    fromFinalize: false,
    transcript: words.map(([word]) => word).join(' '),
    words: words.map(([word, start, end]) => ({
      word,
      punctuatedWord: word,
      start,
      end,
      confidence: 1,
      speaker: null,
    })),
    channelIndex,
  };
}

describe('the session audio format', () => {
  it('counts two channels as twice the bytes per millisecond and keeps positions on whole sample frames', () => {
    expect(monoAudioFormat.bytesPerMs).toBe(32);
    expect(twoChannelAudioFormat.bytesPerMs).toBe(64);
    expect(twoChannelAudioFormat.bytesPerSampleFrame).toBe(4);
    expect(twoChannelAudioFormat.bytesToMs(64_000)).toBe(1000);
    expect(monoAudioFormat.bytesToMs(64_000)).toBe(2000);
    expect(twoChannelAudioFormat.bytesToSeconds(128_000)).toBe(2);
    expect(twoChannelAudioFormat.secondsToBytes(1.5)).toBe(96_000);
    // 1.00003 s is 64 001.92 bytes: rounded to a byte it would split a sample frame; it is not.
    expect(twoChannelAudioFormat.secondsToBytes(1.00003) % 4).toBe(0);
    expect(monoAudioFormat.secondsToBytes(1.00003) % 2).toBe(0);
  });

  it('is two channels for "both" only', () => {
    expect(audioFormatForSource('both').channels).toBe(2);
    expect(audioFormatForSource('microphone').channels).toBe(1);
    expect(audioFormatForSource('system').channels).toBe(1);
  });

  it('refuses a frame that is not whole two-channel sample frames, and takes one that is', () => {
    const log = new AudioLog(1_000_000, () => undefined, twoChannelAudioFormat);
    expect(log.append(new Uint8Array(642))).toBe(false);
    expect(log.endPosition).toBe(0);
    expect(log.append(new Uint8Array(1280))).toBe(true);
    expect(log.endPosition).toBe(1280);
    // The same 642 bytes are whole mono samples.
    expect(new AudioLog(1_000_000, () => undefined).append(new Uint8Array(642))).toBe(true);
  });

  it('finalizes a stuck replay every second of two-channel audio, in its bytes', () => {
    const planner = new ReplayPlanner(twoChannelAudioFormat);
    planner.planFor(0, 0, 0);
    planner.dropped(false, 0);
    expect(planner.planFor(0, 10_000, 10_000)).toEqual({ untilPosition: 10_000, finalizeEveryBytes: null });
    planner.dropped(false, 0);
    expect(planner.planFor(0, 10_000, 10_000)?.finalizeEveryBytes).toBe(64_000);
  });
});

describe('the listen query for two channels', () => {
  it('asks for multichannel=true&channels=2 for "both", and nothing of it for one channel', () => {
    const both = listenQueryFromSettings({ ...defaultSettings, audioSource: 'both' });
    expect(both).toMatchObject({
      channels: '2',
      multichannel: 'true',
      encoding: 'linear16',
      sample_rate: '16000',
    });
    const mono = listenQueryFromSettings({ ...defaultSettings, audioSource: 'system' });
    expect(mono.channels).toBe('1');
    expect(mono.multichannel).toBeUndefined();
  });

  it('follows the format it is given (kept audio in its recorded format), not the source now', () => {
    const query = listenQueryFromSettings(
      { ...defaultSettings, audioSource: 'microphone' },
      twoChannelAudioFormat,
    );
    expect(query).toMatchObject({ channels: '2', multichannel: 'true' });
  });
});

describe('channel_index', () => {
  it('is read from Results ([channel, total]) and anything unreadable is channel 0', () => {
    const base = { type: 'Results', channel: { alternatives: [{ transcript: 'hi', words: [] }] } };
    expect(parseListenMessage({ ...base, channel_index: [1, 2] })).toMatchObject({ channelIndex: 1 });
    expect(parseListenMessage({ ...base, channel_index: [0, 1] })).toMatchObject({ channelIndex: 0 });
    expect(parseListenMessage({ ...base, channel_index: ['x'] })).toMatchObject({ channelIndex: 0 });
    expect(parseListenMessage(base)).toMatchObject({ channelIndex: 0 });
  });
});

describe('ChannelStitchers', () => {
  it('stitches each channel apart: own segment ids, own interims and finals, segments carry the channel', () => {
    const stitchers = new ChannelStitchers('S', 2);
    const youInterim = stitchers.accept(results(0, [['good', 0.5, 0.8]], false));
    const othersInterim = stitchers.accept(results(1, [['the', 0.6, 0.7]], false));
    expect(youInterim).toMatchObject({ id: 'S-c0-1', channel: 0, isFinal: false });
    expect(othersInterim).toMatchObject({ id: 'S-c1-1', channel: 1, isFinal: false });
    const youFinal = stitchers.accept(
      results(
        0,
        [
          ['good', 0.5, 0.8],
          ['morning', 0.9, 1.3],
        ],
        true,
      ),
    );
    expect(youFinal).toMatchObject({ id: 'S-c0-1', channel: 0, isFinal: true, text: 'good morning' });
    // Channel 1's words overlap channel 0's final in time: they are still new on their channel.
    const othersFinal = stitchers.accept(
      results(
        1,
        [
          ['the', 0.6, 0.7],
          ['budget', 0.8, 1.2],
        ],
        true,
      ),
    );
    expect(othersFinal).toMatchObject({ id: 'S-c1-1', channel: 1, text: 'the budget' });
    expect(stitchers.accept(results(0, [['next', 2.0, 2.2]], false))?.id).toBe('S-c0-2');
  });

  it('says the audio is covered only as far as both channels finalized it', () => {
    const stitchers = new ChannelStitchers('S', 2);
    const channel0Final = results(0, [['good', 0.5, 0.8]], true);
    expect(stitchers.coveredUntil(channel0Final)).toBeNull();
    const channel1Final = { ...results(1, [['the', 0.6, 0.7]], true), duration: 1.5 };
    expect(stitchers.coveredUntil(channel1Final)).toBe(1.5);
    expect(stitchers.coveredUntil({ ...results(1, [], true), start: 1.5, duration: 2 })).toBe(2);
    expect(stitchers.coveredUntil(results(0, [], false))).toBeNull();
  });

  it('keeps mono exactly as before: one stitcher, plain ids, no channel field', () => {
    const stitchers = new ChannelStitchers('S', 1);
    const segment = stitchers.accept(results(0, [['hello', 0.1, 0.4]], true));
    expect(segment?.id).toBe('S-1');
    expect(segment && 'channel' in segment).toBe(false);
  });
});

describe('the audio rate guard follows the session format', () => {
  it('lets a two-channel session send twice the bytes a mono one may', () => {
    let now = 0;
    let bytesPerSecond = 32_000;
    const guard = createAudioRateGuard({
      bytesPerSecondOfAudio: () => bytesPerSecond,
      maxRealTimeFactor: 1,
      burstSeconds: 1,
      now: () => now,
    });
    // Mono: one second of burst is 32 000 bytes.
    expect(guard.admit(32_000)).toBe(true);
    expect(guard.admit(640)).toBe(false);
    now += 1000;
    bytesPerSecond = 64_000;
    // A second later, in two-channel bytes: a full second is 64 000 bytes.
    expect(guard.admit(64_000)).toBe(true);
    expect(guard.admit(1280)).toBe(false);
  });
});
