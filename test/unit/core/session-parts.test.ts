/**
 * The session's parts on their own, without a socket: the transcript sink's durable order
 * and the audio pump's pacing. The behaviour through a real connection is in the other
 * session-*.test.ts files.
 */
import { describe, expect, it } from 'vitest';
import type { TranscriptEvent, TranscriptSegment } from '../../../src/shared/transcript';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { AudioLog } from '../../../src/main/core/session/audio-log';
import { StopSignal } from '../../../src/main/core/session/stop-signal';
import { AudioPump } from '../../../src/main/core/session/audio-pump';
import type { ListenConnection } from '../../../src/main/core/session/listen-connection';
import type { ListenMessage } from '../../../src/main/core/session/listen-messages';
import { resolveTuning, type SessionTimers } from '../../../src/main/core/session/session-tuning';
import { TranscriptSink, type SessionTranscriptStore } from '../../../src/main/core/session/transcript-sink';

function results(text: string, isFinal: boolean, start = 0): ListenMessage {
  return {
    type: 'results',
    start,
    duration: 1,
    isFinal,
    speechFinal: isFinal,
    fromFinalize: false,
    transcript: text,
    words: text
      ? [{ word: text, punctuatedWord: text, start, end: start + 0.5, confidence: 0.9, speaker: null }]
      : [],
  };
}

/** A store whose writes finish only when the test says so. */
function heldStore() {
  const saved: string[] = [];
  const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const ended: Date[] = [];
  const store: SessionTranscriptStore = {
    beginSession: async () => undefined,
    appendFinal: (_id, segment: TranscriptSegment) =>
      new Promise<void>((resolve, reject) => {
        pending.push({
          resolve: () => {
            saved.push(segment.text);
            resolve();
          },
          reject,
        });
      }),
    endSession: async (_id, endedAt) => {
      ended.push(endedAt);
    },
  };
  return { store, saved, pending, ended };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function sinkWith(store: SessionTranscriptStore) {
  const shown: TranscriptEvent[] = [];
  const covered: number[] = [];
  let saveFailures = 0;
  const sink = new TranscriptSink({
    sessionId: 's1',
    store,
    emitTranscript: (event) => shown.push(event),
    log: createMemoryLogger(),
    now: () => 5000,
    onCovered: (seconds) => covered.push(seconds),
    onSaveFailed: () => (saveFailures += 1),
  });
  const texts = () =>
    shown.flatMap((event) => (event.kind === 'segment' ? [event.segment.text] : [event.kind]));
  return { sink, shown, texts, covered, saveFailures: () => saveFailures };
}

describe('TranscriptSink', () => {
  it('shows a final only once it is on disk, and nothing after it before that', async () => {
    const held = heldStore();
    const { sink, texts, covered } = sinkWith(held.store);
    await sink.begin(new Date(0));
    sink.accept(results('hello', false));
    sink.accept(results('hello', true));
    sink.accept({ type: 'utterance-end', lastWordEnd: 0.5 });
    sink.accept(results('world', false, 1));
    await settle();
    expect(texts()).toEqual(['hello']);
    expect(covered).toEqual([1]);
    held.pending[0]?.resolve();
    await settle();
    expect(held.saved).toEqual(['hello']);
    expect(texts()).toEqual(['hello', 'hello', 'utterance-end', 'world']);
  });

  it('still shows a final it could not save, and says so', async () => {
    const held = heldStore();
    const { sink, texts, saveFailures } = sinkWith(held.store);
    await sink.begin(new Date(0));
    sink.accept(results('lost', true));
    await settle();
    held.pending[0]?.reject(new Error('ENOSPC'));
    await settle();
    expect(saveFailures()).toBe(1);
    expect(texts()).toEqual(['lost']);
  });

  it('closes the record after every write, and only a record it began', async () => {
    const held = heldStore();
    const unbegun = sinkWith(held.store);
    await unbegun.sink.close();
    expect(held.ended).toEqual([]);

    const { sink } = sinkWith(held.store);
    await sink.begin(new Date(0));
    sink.accept(results('last', true));
    const closing = sink.close();
    await settle();
    expect(held.ended).toEqual([]);
    held.pending[0]?.resolve();
    await closing;
    expect(held.ended).toEqual([new Date(5000)]);
  });
});

/** Timers and a clock the test moves by hand. */
function manualTime() {
  let now = 0;
  const due: Array<{ at: number; callback: () => void; handle: number }> = [];
  let nextHandle = 1;
  const timers: SessionTimers = {
    setTimeout: (callback, ms) => {
      const handle = nextHandle++;
      due.push({ at: now + ms, callback, handle });
      return handle;
    },
    clearTimeout: (handle) => {
      const index = due.findIndex((timer) => timer.handle === handle);
      if (index >= 0) due.splice(index, 1);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      due.sort((a, b) => a.at - b.at);
      const next = due[0];
      if (!next || next.at > until) break;
      due.shift();
      now = next.at;
      next.callback();
    }
    now = until;
  };
  return { timers, now: () => now, advance };
}

function recordingConnection() {
  const sent: number[] = [];
  /** Bytes of audio sent before each Finalize. */
  const finalizedAt: number[] = [];
  const connection: ListenConnection = {
    sendAudio: (frame) => (sent.push(frame.byteLength), true),
    sendKeepAlive: () => true,
    sendFinalize: () => (finalizedAt.push(sent.reduce((sum, bytes) => sum + bytes, 0)), true),
    sendCloseStream: () => true,
    sendConfigure: async () => null,
    close: () => undefined,
  };
  return { connection, finalizedAt, sentBytes: () => sent.reduce((sum, bytes) => sum + bytes, 0) };
}

describe('AudioPump', () => {
  const bytesPerMs = 32;
  const frameBytes = 20 * bytesPerMs;

  function pumpWith(mayFlow: () => boolean, replayRealTimeFactor?: number) {
    const time = manualTime();
    const audio = new AudioLog(1_000_000_000, () => undefined);
    const tuning = resolveTuning({
      timers: time.timers,
      now: time.now,
      ...(replayRealTimeFactor ? { replayRealTimeFactor } : {}),
    });
    const pump = new AudioPump({
      audio,
      tuning,
      startedAt: 0,
      isCurrent: () => true,
      mayFlow,
      onAudioChanged: () => undefined,
    });
    return { pump, audio, time };
  }

  /** A frame of speech (loud) or of a pause (silent). */
  const frameOf = (loud: boolean) => {
    const frame = new Int16Array(frameBytes / 2);
    if (loud) frame.forEach((_, index) => (frame[index] = index % 2 ? 8000 : -8000));
    return new Uint8Array(frame.buffer);
  };

  // Pacing is not the subject here: a replay factor high enough to send everything at once.
  const unpaced = 1e9;

  it('after a replay, sends Finalize at the first pause between phrases, not in the middle of speech', () => {
    const { pump, audio, time } = pumpWith(() => true, unpaced);
    const { connection, finalizedAt } = recordingConnection();
    // 1 s of speech replayed; then live speech goes on for 500 ms, then a 200 ms pause.
    for (let i = 0; i < 50; i += 1) audio.append(frameOf(true));
    pump.attach(connection, { untilPosition: audio.endPosition, finalizeEveryBytes: null });
    time.advance(1);
    pump.pump();
    for (let i = 0; i < 25; i += 1) {
      audio.append(frameOf(true));
      pump.pump();
    }
    expect(finalizedAt).toEqual([]);
    for (let i = 0; i < 10; i += 1) {
      audio.append(frameOf(false));
      pump.pump();
    }
    // 160 ms of quiet (8 frames) after 75 frames of speech.
    expect(finalizedAt).toEqual([(75 + 8) * frameBytes]);
  });

  it('with no pause at all, sends the Finalize after 3 s of audio anyway', () => {
    const { pump, audio, time } = pumpWith(() => true, unpaced);
    const { connection, finalizedAt } = recordingConnection();
    audio.append(frameOf(true));
    pump.attach(connection, { untilPosition: audio.endPosition, finalizeEveryBytes: null });
    time.advance(1);
    pump.pump();
    for (let i = 0; i < 200; i += 1) {
      audio.append(frameOf(true));
      pump.pump();
    }
    expect(finalizedAt).toEqual([(1 + 150) * frameBytes]);
  });

  it('when connections keep dying, finalizes every finalizeEveryBytes of replay, at a gap between words', () => {
    const { pump, audio, time } = pumpWith(() => true, unpaced);
    const { connection, finalizedAt } = recordingConnection();
    // Words of 200 ms with 80 ms gaps, 6 s of them held.
    for (let i = 0; i < 300; i += 1) audio.append(frameOf(i % 14 < 10));
    pump.attach(connection, { untilPosition: audio.endPosition + 1, finalizeEveryBytes: 1000 * bytesPerMs });
    time.advance(1);
    pump.pump();
    // A second's worth of audio, then the first gap after another half second: every ~1.7 s.
    expect(finalizedAt.length).toBeGreaterThanOrEqual(3);
    for (const at of finalizedAt) {
      // Each Finalize follows a quiet frame: the frame just sent was a gap.
      const index = at / frameBytes - 1;
      expect(index % 14).toBeGreaterThanOrEqual(10);
    }
  });

  it('sends nothing before the session may flow', () => {
    let begun = false;
    const { pump, audio } = pumpWith(() => begun);
    const { connection, sentBytes } = recordingConnection();
    pump.attach(connection);
    audio.append(new Uint8Array(frameBytes));
    pump.pump();
    expect(sentBytes()).toBe(0);
    begun = true;
    pump.pump();
    expect(sentBytes()).toBe(frameBytes);
  });

  it('replays a backlog at 1.25 × real time after a slack of 250 ms', () => {
    const { pump, audio, time } = pumpWith(() => true);
    const { connection, sentBytes } = recordingConnection();
    for (let i = 0; i < 500; i += 1) audio.append(new Uint8Array(frameBytes)); // 10 s held
    pump.attach(connection);
    // Whole frames only: as much as the budget allows, never more.
    const withinBudget = (ms: number) => {
      expect(sentBytes()).toBeLessThanOrEqual(ms * bytesPerMs);
      expect(sentBytes()).toBeGreaterThan(ms * bytesPerMs - frameBytes);
    };
    pump.pump();
    withinBudget(250);
    time.advance(1000);
    withinBudget(250 + 1250);
    time.advance(2000);
    withinBudget(250 + 3750);
  });

  it('catches up with what is held, or gives up when the wait runs out', async () => {
    const { pump, audio, time } = pumpWith(() => true);
    const { connection } = recordingConnection();
    pump.attach(connection);
    for (let i = 0; i < 5; i += 1) audio.append(new Uint8Array(frameBytes));
    await expect(pump.catchUp(1000)).resolves.toBe(true);

    for (let i = 0; i < 500; i += 1) audio.append(new Uint8Array(frameBytes));
    const waiting = pump.catchUp(100);
    time.advance(100);
    await expect(waiting).resolves.toBe(false);
    expect(audio.unsentBytes).toBeGreaterThan(0);
  });
});

describe('StopSignal', () => {
  it('ends a bounded wait the moment it is raised, and every later wait at once', async () => {
    const time = manualTime();
    const signal = new StopSignal(time.timers);
    let ended = false;
    const waiting = signal.wait(() => undefined, 30_000).then(() => (ended = true));
    time.advance(1000);
    await Promise.resolve();
    expect(ended).toBe(false);
    signal.raise();
    await waiting;
    expect(ended).toBe(true);
    expect(signal.isRaised).toBe(true);
    // Raised: the next wait does not wait at all.
    await signal.wait(() => undefined, 30_000);
    signal.reset();
    expect(signal.isRaised).toBe(false);
  });

  it('still ends on its own callback or its timeout when never raised', async () => {
    const time = manualTime();
    const signal = new StopSignal(time.timers);
    let release: () => void = () => undefined;
    const byCallback = signal.wait((resolve) => (release = resolve), 30_000);
    release();
    await byCallback;
    let timedOut = false;
    const byTimeout = signal.wait(() => undefined, 500).then(() => (timedOut = true));
    time.advance(499);
    await Promise.resolve();
    expect(timedOut).toBe(false);
    time.advance(1);
    await byTimeout;
    expect(timedOut).toBe(true);
  });
});
