/**
 * Issue 14's proof for audio kept on disk: a session whose outage outlasts the Stop window
 * keeps its audio there, and once the emulator answers again the words appear in History at
 * the times they were said, once each, marked as transcribed later, and the audio is gone.
 * Main's real core runs in a child process with its files in one userData directory and the
 * key in the run's private keychain, so it can be SIGKILLed while audio waits and started
 * again on the same directory.
 *
 * The audio is tone-code (the emulator decodes each burst as one exact word), so the words
 * and where they lie on the session's timeline are known to the millisecond.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, synthesizeToneCode, type DeepgramEmulator } from '../../../emulator/index';
import { loadKeytarSecretStore } from '../../../src/main/core/key-vault';
import type { SessionState } from '../../../src/shared/session-state';
import type { TranscriptSegment } from '../../../src/shared/transcript';
import { hasPrivateKeychain } from '../../support/keychain-tests';
import { startCoreChild, type CoreChild, type CoreChildPlan } from '../../support/run-earshot-core-child';

/** Said while connected: finalized live. */
const beforeOutage = [
  ['hello', 'world'],
  ['good', 'morning'],
];
/** Said during the outage and never sent: kept on disk at Stop. */
const duringOutage = [
  ['send', 'report', 'today'],
  ['thank', 'you'],
];
const tone = { leadMs: 200, wordMs: 200, gapMs: 80, utteranceGapMs: 900 };

/** Each word with where synthesizeToneCode puts it, in seconds after `offsetSeconds`. */
function groundTruth(utterances: string[][], offsetSeconds: number) {
  const truth: Array<{ word: string; start: number; end: number }> = [];
  let cursorMs = tone.leadMs;
  for (const words of utterances) {
    words.forEach((word, index) => {
      const start = offsetSeconds + cursorMs / 1000;
      truth.push({ word, start, end: start + tone.wordMs / 1000 });
      cursorMs += tone.wordMs + (index < words.length - 1 ? tone.gapMs : 0);
    });
    cursorMs += tone.utteranceGapMs;
  }
  return truth;
}

const firstPart = synthesizeToneCode(beforeOutage);
const secondPart = synthesizeToneCode(duringOutage);
const secondPartSeconds = secondPart.length / 16_000;
const expectedWords = [
  ...groundTruth(beforeOutage, 0),
  ...groundTruth(duringOutage, firstPart.length / 16_000),
];
const laterWords = new Set(duringOutage.flat());

const tuning: CoreChildPlan['sessionTuning'] = {
  // Stop keeps trying for 2 s (30 s in the app), then keeps what is unsent.
  finishTimeoutMs: 2000,
  stopTimeoutMs: 2000,
  backoffBaseMs: 100,
  backoffCapMs: 400,
  connectTimeoutMs: 3000,
  replayRealTimeFactor: 20,
};

describe.skipIf(!hasPrivateKeychain())(
  'audio that waits on disk for Deepgram, through the real core in a child process (needs the private keychain)',
  () => {
    let emulator: DeepgramEmulator;
    let userDataDir: string;
    let plan: CoreChildPlan;
    const children: CoreChild[] = [];

    beforeAll(async () => {
      emulator = await startDeepgramEmulator({ transcriber: 'tone-code' });
    });
    afterAll(() => emulator.close());
    afterEach(async () => {
      for (const child of children.splice(0)) await child.kill();
      const keychain = await loadKeytarSecretStore();
      await keychain.deletePassword(plan.keychainEntry.service, plan.keychainEntry.account);
      await rm(userDataDir, { recursive: true, force: true });
      emulator.faults.reset();
      emulator.recorder.clear();
    });

    async function startMain(): Promise<CoreChild> {
      const child = await startCoreChild(plan);
      children.push(child);
      return child;
    }

    const waitingFiles = async () =>
      (await readdir(join(userDataDir, 'waiting-audio'))).filter((name) => name.endsWith('.pcm'));

    /**
     * Starts main on a fresh userData folder with the key saved, starts a session, says the
     * first part while connected, then cuts the connection and refuses every handshake.
     */
    async function dictateIntoOutage(): Promise<{ main: CoreChild; sessionId: string }> {
      userDataDir = await mkdtemp(join(tmpdir(), 'earshot-waiting-restart-'));
      plan = {
        userDataDir,
        keychainEntry: { service: `Earshot waiting audio ${randomUUID()}`, account: 'deepgram-api-key' },
        sessionTuning: tuning,
      };
      const main = await startMain();
      await main.invoke('saveKey', {
        key: emulator.demoKey,
        persistence: 'keychain',
        endpoint: emulator.url,
        streamingCredential: 'auto',
      });
      const started = await main.invoke('startSession');
      const sessionId = started.sessionId;
      if (sessionId === null) throw new Error('the session has no id');

      await main.pushAudio(firstPart, 10);
      await main.waitForEvent(
        'onTranscript',
        () => liveFinalWords(main).length === beforeOutage.flat().length,
        'the words said before the outage',
      );

      emulator.faults.refuseHandshakes(100_000, 503);
      emulator.faults.dropConnections();
      await main.waitForEvent('onSessionState', (state) => state.phase === 'reconnecting', 'the outage');
      return { main, sessionId };
    }

    /**
     * The outage above, then the second part said during it and Stop: Stop keeps trying for
     * its window, gives up, and the unsent audio is kept. Resolves once main's own attempt to
     * transcribe it (when the session ended) has failed too.
     */
    async function dictateThroughLongOutage(): Promise<{ main: CoreChild; sessionId: string }> {
      const { main, sessionId } = await dictateIntoOutage();
      await main.pushAudio(secondPart, 10);

      const stopped: SessionState = await main.invoke('stopSession');
      expect(stopped.phase).toBe('idle');
      expect(stopped.sessionId).toBe(sessionId);
      // Everything said during the outage (and perhaps some silence before it) waits.
      expect(stopped.waitingAudioMs).toBeGreaterThanOrEqual(secondPartSeconds * 1000);
      expect(stopped.unkeptAudioMs).toBe(0);
      // Stop did try first: it said it was finishing.
      const finishing = main.eventsOf('onSessionState').flatMap((state) => state.finishing ?? []);
      expect(finishing.length).toBeGreaterThan(0);

      await main.waitForEvent(
        'onWaitingAudio',
        (status) => status.sessionId === sessionId && status.problem !== null && !status.transcribing,
        "main's own attempt, refused like every handshake",
      );
      const files = await waitingFiles();
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) expect(name).toMatch(new RegExp(`^${sessionId}\\.[0-9]+\\.pcm$`));
      const bytes = (await Promise.all(files.map((name) => stat(join(userDataDir, 'waiting-audio', name)))))
        .map((file) => file.size)
        .reduce((sum, size) => sum + size, 0);
      // The state counts each write in whole milliseconds (32 bytes each).
      expect(Math.abs(bytes / 32 - stopped.waitingAudioMs)).toBeLessThanOrEqual(files.length);
      const [summary] = await main.invoke('listHistory');
      expect(summary?.id).toBe(sessionId);
      expect(summary?.waitingAudioSeconds).toBe(Math.round(bytes / 3200) / 10);
      return { main, sessionId };
    }

    function liveFinalWords(main: CoreChild): string[] {
      return main
        .eventsOf('onTranscript')
        .flatMap((event) => (event.kind === 'segment' && event.segment.isFinal ? event.segment.words : []))
        .map((word) => word.word);
    }

    /** History holds every word once, where it was said, the outage's marked as transcribed later. */
    async function expectWholeSessionInHistory(main: CoreChild, sessionId: string): Promise<void> {
      const { summary, segments } = await main.invoke('getHistorySession', { id: sessionId });
      expect(summary.waitingAudioSeconds).toBe(0);
      const words = segments.flatMap((segment: TranscriptSegment) =>
        segment.words.map((word) => ({ ...word, later: segment.transcribedLater === true })),
      );
      expect(words.map((word) => word.word)).toEqual(expectedWords.map((word) => word.word));
      const misplaced = words.filter((word, index) => {
        const expected = expectedWords[index];
        return (
          expected === undefined ||
          Math.abs(word.start - expected.start) > 0.05 ||
          Math.abs(word.end - expected.end) > 0.05
        );
      });
      expect(misplaced).toEqual([]);
      expect(words.filter((word) => word.later).map((word) => word.word)).toEqual(duringOutage.flat());
      for (const segment of segments) {
        const fromOutage = segment.words.some((word) => laterWords.has(word.word));
        expect(segment.transcribedLater === true).toBe(fromOutage);
      }
      expect(await waitingFiles()).toEqual([]);
      const [listed] = await main.invoke('listHistory');
      expect(listed?.waitingAudioSeconds).toBe(0);
    }

    const allTranscribed =
      (sessionId: string) =>
      (status: { sessionId: string; waitingAudioSeconds: number; transcribing: boolean }) =>
        status.sessionId === sessionId && status.waitingAudioSeconds === 0 && !status.transcribing;

    it('survives a SIGKILL: the next start transcribes the kept audio by itself, into History at the right times', async () => {
      const { main, sessionId } = await dictateThroughLongOutage();
      await main.kill();
      expect((await waitingFiles()).length).toBeGreaterThan(0);

      emulator.faults.reset();
      emulator.recorder.clear();
      const restarted = await startMain();
      await restarted.waitForEvent('onWaitingAudio', allTranscribed(sessionId), 'the kept audio transcribed');
      await expectWholeSessionInHistory(restarted, sessionId);
      // The words came from one connection made for the kept audio, after the restart.
      expect(
        emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101),
      ).toHaveLength(1);
    });

    it('survives a SIGKILL in the middle of the outage, before Stop: the outage was written as it came', async () => {
      const { main, sessionId } = await dictateIntoOutage();
      // Then a second of silence, as a person pausing: the journal is synced every second of audio.
      await main.pushAudio(new Int16Array(16_000), 10);
      await main.pushAudio(secondPart, 10);
      await main.pushAudio(new Int16Array(24_000), 10);
      const journal = async () =>
        (await readdir(join(userDataDir, 'waiting-audio'))).filter((name) => name.endsWith('.outage'));
      expect(await journal()).toHaveLength(1);
      // Nothing was kept the ordinary way: the session is still on, holding the outage in memory.
      expect(await waitingFiles()).toEqual([]);
      await main.kill();

      emulator.faults.reset();
      emulator.recorder.clear();
      const restarted = await startMain();
      await restarted.waitForEvent('onWaitingAudio', allTranscribed(sessionId), 'the outage transcribed');
      const { summary, segments } = await restarted.invoke('getHistorySession', { id: sessionId });
      expect(summary.interrupted).toBe(true);
      const words = segments.flatMap((segment: TranscriptSegment) => segment.words.map((word) => word.word));
      expect(words).toEqual([...beforeOutage.flat(), ...duringOutage.flat()]);
      expect(
        segments
          .filter((segment) => segment.transcribedLater === true)
          .flatMap((segment) => segment.words.map((word) => word.word)),
      ).toEqual(duringOutage.flat());
      expect(await journal()).toEqual([]);
      expect(await waitingFiles()).toEqual([]);
    });

    it('"Transcribe now" after Deepgram answers again transcribes at once, in the same run', async () => {
      const { main, sessionId } = await dictateThroughLongOutage();
      emulator.faults.reset();
      emulator.recorder.clear();
      // Main's next try of its own is 30 s away: only the person's press makes it happen now.
      const pressed = await main.invoke('transcribeWaitingAudio', { id: sessionId });
      expect(pressed.problem).toBeNull();
      // A window pressing it over and over (answered, or refused by the start budget) makes no
      // second connection: one try runs at a time.
      for (let press = 0; press < 20; press += 1) {
        await main.invokeResult('transcribeWaitingAudio', { id: sessionId });
      }
      await main.waitForEvent('onWaitingAudio', allTranscribed(sessionId), 'the kept audio transcribed');
      expect(
        emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101),
      ).toHaveLength(1);
      await expectWholeSessionInHistory(main, sessionId);
      // The live view no longer says the ended session has audio waiting.
      const state = await main.invoke('getSessionState');
      expect(state).toMatchObject({ phase: 'idle', waitingAudioMs: 0 });
      // The window heard the later words as they were merged, marked.
      const heardLater = main
        .eventsOf('onTranscript')
        .flatMap((event) =>
          event.kind === 'segment' && event.segment.transcribedLater === true ? event.segment.words : [],
        )
        .map((word) => word.word);
      expect(heardLater).toEqual(duringOutage.flat());
    });

    it('once a new session connects (Deepgram answers again), the kept audio is transcribed without waiting for the slow retry', async () => {
      const { main, sessionId } = await dictateThroughLongOutage();
      // Main's own try failed; its next is 30 s away. The person just starts dictating again.
      emulator.faults.reset();
      const next = await main.invoke('startSession');
      expect(next.sessionId).not.toBe(sessionId);
      await main.waitForEvent('onWaitingAudio', allTranscribed(sessionId), 'the kept audio transcribed');
      await main.invoke('stopSession');
      await expectWholeSessionInHistory(main, sessionId);
    });

    it('deleting the waiting audio removes its files, the summary shows none, and it is never transcribed', async () => {
      const { main, sessionId } = await dictateThroughLongOutage();
      const deleted = await main.invoke('deleteWaitingAudio', { id: sessionId });
      expect(deleted).toEqual({ sessionId, waitingAudioSeconds: 0, transcribing: false, problem: null });
      expect(await waitingFiles()).toEqual([]);
      const [summary] = await main.invoke('listHistory');
      expect(summary?.waitingAudioSeconds).toBe(0);
      expect(await main.invoke('getSessionState')).toMatchObject({ phase: 'idle', waitingAudioMs: 0 });

      // Deepgram answers again and the person presses Transcribe now: there is nothing to send.
      emulator.faults.reset();
      emulator.recorder.clear();
      const pressed = await main.invoke('transcribeWaitingAudio', { id: sessionId });
      expect(pressed).toEqual({ sessionId, waitingAudioSeconds: 0, transcribing: false, problem: null });
      // A restart finds nothing either.
      await main.kill();
      const restarted = await startMain();
      const { segments } = await restarted.invoke('getHistorySession', { id: sessionId });
      const words = segments.flatMap((segment) => segment.words.map((word) => word.word));
      expect(words).toEqual(beforeOutage.flat());
      expect(segments.some((segment) => segment.transcribedLater === true)).toBe(false);
      expect(emulator.recorder.connections).toEqual([]);
    });
  },
);
