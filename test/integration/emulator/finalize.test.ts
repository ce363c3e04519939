/**
 * Finalize as the reference describes it (../shared/reference/deepgram-protocol.md §1.4, §7): the
 * Results it produces carry from_finalize: true and cover the audio heard so far. And what issue 14
 * relies on: a client that sends Finalize after each replayed backlog moves its replay point forward
 * even when every connection is cut shortly after the replay.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultScript, startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  frames,
  openSdkSocket,
  results,
  silence,
  synthesizeSpeech,
  waitUntil,
} from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

const sampleRate = 16_000;
const lines = [
  'earshot turns speech into text while you talk',
  'the quick brown fox jumps over the lazy dog',
  'please send the quarterly report before friday afternoon',
];

type SdkSocket = Awaited<ReturnType<typeof openSdkSocket>>;

function send(connection: SdkSocket, samples: Int16Array): void {
  for (const frame of frames(samples)) {
    if (connection.socket.readyState !== 1) return;
    connection.socket.sendMedia(frame);
  }
}

const transcriptOf = (result: ReturnType<typeof results>[number]): string =>
  result.channel.alternatives[0]?.transcript ?? '';

describe.skipIf(speechToolsMissing !== null)('emulator Finalize (needs espeak-ng and sox)', () => {
  let emulator: DeepgramEmulator;
  const spoken = lines.map((line) => synthesizeSpeech(line));
  const dictation = concatSamples(
    silence(500),
    spoken[0]!,
    silence(1200),
    spoken[1]!,
    silence(1200),
    spoken[2]!,
    silence(1500),
  );

  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.recorder.clear();
    emulator.faults.reset();
    // A test that leaves part of a line queued must not hand it to the next one.
    emulator.clearUtterances();
  });

  const open = () => openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});

  it('Finalize in mid-speech finalizes what was heard (from_finalize, up to the last sample); the rest follows once', async () => {
    emulator.queueUtterances([lines[1]!]);
    const connection = await open();
    const speech = spoken[1]!;
    const half = Math.round(speech.length / 2 / 320) * 320;
    send(connection, concatSamples(silence(300), speech.subarray(0, half)));
    connection.socket.sendFinalize({ type: 'Finalize' });
    await waitUntil(() => results(connection.messages).length === 1);
    const [flushed] = results(connection.messages);
    expect(flushed).toMatchObject({ is_final: true, speech_final: false, from_finalize: true, start: 0 });
    const heardSeconds = (silence(300).length + half) / sampleRate;
    expect(flushed!.duration).toBeCloseTo(heardSeconds, 3);
    const heard = transcriptOf(flushed!);
    expect(heard.split(' ').length).toBeGreaterThan(0);
    expect(lines[1]!.startsWith(`${heard} `)).toBe(true);
    for (const word of flushed!.channel.alternatives[0]!.words)
      expect(word.end).toBeLessThanOrEqual(heardSeconds);

    send(connection, concatSamples(speech.subarray(half), silence(600)));
    await waitUntil(() => results(connection.messages).length === 2);
    const rest = results(connection.messages)[1]!;
    expect(rest).toMatchObject({ is_final: true, speech_final: true, from_finalize: false });
    expect(rest.start).toBeCloseTo(heardSeconds, 3);
    expect(`${heard} ${transcriptOf(rest)}`).toBe(lines[1]);
    connection.socket.close();
  });

  it('Finalize in mid-speech is answered within about 100 ms even when nothing follows it', async () => {
    emulator.queueUtterances([lines[1]!]);
    const connection = await open();
    const speech = spoken[1]!;
    send(connection, concatSamples(silence(300), speech.subarray(0, Math.floor(speech.length / 2))));
    await emulator.recorder.waitFor((recorder) => (recorder.connections[0]?.audio.durationMs ?? 0) > 300);
    const finalizedAt = Date.now();
    connection.socket.sendFinalize({ type: 'Finalize' });
    await waitUntil(() => results(connection.messages).length === 1, 1000);
    expect(Date.now() - finalizedAt).toBeLessThan(1000);
    expect(results(connection.messages)[0]).toMatchObject({ is_final: true, from_finalize: true });
    connection.socket.close();
  });

  it.each([
    ['speech goes on: only the words heard so far, the rest with the speech that follows', 'speech', false],
    ['silence follows: the speech was over, all of its words', 'silence', true],
    ['CloseStream follows at once (Stop): all of its words', 'close', true],
    ['a second Finalize follows at once: all of its words', 'finalize', true],
  ] as const)('Finalize in mid-speech, then %s', async (_what, follows, whole) => {
    emulator.queueUtterances([lines[1]!, 'next line']);
    const connection = await open();
    const speech = spoken[1]!;
    const half = Math.round(speech.length / 2 / 320) * 320;
    send(connection, concatSamples(silence(300), speech.subarray(0, half)));
    connection.socket.sendFinalize({ type: 'Finalize' });
    if (follows === 'speech') send(connection, concatSamples(speech.subarray(half), silence(600)));
    if (follows === 'silence') send(connection, silence(600));
    if (follows === 'close') connection.socket.sendCloseStream({ type: 'CloseStream' });
    if (follows === 'finalize') connection.socket.sendFinalize({ type: 'Finalize' });
    await waitUntil(() => results(connection.messages).some((result) => result.from_finalize));
    const flushed = results(connection.messages).find((result) => result.from_finalize)!;
    if (whole) {
      expect(transcriptOf(flushed)).toBe(lines[1]);
    } else {
      await waitUntil(() => results(connection.messages).length === 2);
      const rest = transcriptOf(results(connection.messages)[1]!);
      expect(transcriptOf(flushed)).not.toBe(lines[1]);
      expect(`${transcriptOf(flushed)} ${rest}`).toBe(lines[1]);
    }
    if (follows !== 'close') connection.socket.close();
    await connection.closed;
  });

  it('Finalize with no speech pending still finalizes the uncovered audio (an empty from_finalize result)', async () => {
    const connection = await open();
    send(connection, silence(700));
    connection.socket.sendFinalize({ type: 'Finalize' });
    await waitUntil(() => results(connection.messages).length === 1);
    expect(results(connection.messages)[0]).toMatchObject({
      is_final: true,
      from_finalize: true,
      start: 0,
      duration: 0.7,
    });
    expect(transcriptOf(results(connection.messages)[0]!)).toBe('');
    connection.socket.close();
  });

  /**
   * A client as issue 14 asks for: on each connection it replays what Deepgram has not finalized
   * (2 s of it at most), sends Finalize, goes on with the audio that follows, and moves its replay
   * point to the end of every final result. Returns the final transcripts in order and the replay
   * point reached.
   */
  async function dictateThroughCuts(options: {
    finalizeAfterReplay: boolean;
    maxAttempts: number;
  }): Promise<{ finals: string[]; replayPoint: number }> {
    const replaySamples = 2 * sampleRate;
    const finals: string[] = [];
    let replayPoint = 0;
    let attempts = 0;
    // Results give times in whole milliseconds: the end is reached within one.
    const end = dictation.length - sampleRate / 1000;
    while (replayPoint < end && attempts < options.maxAttempts) {
      attempts += 1;
      let connection: SdkSocket;
      try {
        connection = await open();
      } catch {
        continue; // A refused handshake: try again at once.
      }
      const offset = replayPoint;
      const backlogEnd = Math.min(dictation.length, offset + replaySamples);
      send(connection, dictation.subarray(offset, backlogEnd));
      if (options.finalizeAfterReplay && connection.socket.readyState === 1) {
        connection.socket.sendFinalize({ type: 'Finalize' });
        await waitUntil(() => results(connection.messages).some((result) => result.from_finalize), 2000);
      }
      // Live audio after the replay, until the cut.
      send(connection, dictation.subarray(backlogEnd));
      if (connection.socket.readyState === 1) connection.socket.sendCloseStream({ type: 'CloseStream' });
      await connection.closed;
      for (const result of results(connection.messages).filter((message) => message.is_final)) {
        if (transcriptOf(result) !== '') finals.push(transcriptOf(result));
        replayPoint = offset + Math.round((result.start + result.duration) * sampleRate);
      }
    }
    return { finals, replayPoint };
  }

  it('with connections cut 2.5 s into their audio, replay + Finalize completes the transcript, every word once', async () => {
    emulator.queueUtterances(lines);
    emulator.faults.useScript(parseFaultScript('cut-after=2500ms,refuse-after-cut=2x503'));
    const { finals, replayPoint } = await dictateThroughCuts({
      finalizeAfterReplay: true,
      maxAttempts: 60,
    });
    expect(replayPoint).toBeGreaterThanOrEqual(dictation.length - sampleRate / 1000);
    expect(finals.join(' ')).toBe(lines.join(' '));
    // Every accepted connection but the last was cut, and each cut was followed by two 503s.
    const accepted = emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101);
    expect(accepted.length).toBeGreaterThan(3);
    expect(emulator.recorder.connections.map((connection) => connection.handshakeStatus)).toEqual([
      ...accepted.slice(1).flatMap(() => [101, 503, 503]),
      101,
    ]);
    expect(accepted.slice(0, -1).every((connection) => connection.fault?.kind === 'cut')).toBe(true);
  });

  it('without Finalize the replay point never moves: each connection dies before the first sentence ends', async () => {
    emulator.queueUtterances(lines);
    emulator.faults.useScript(parseFaultScript('cut-after=2500ms,refuse-after-cut=2x503'));
    const { finals, replayPoint } = await dictateThroughCuts({
      finalizeAfterReplay: false,
      maxAttempts: 10,
    });
    expect(finals).toEqual([]);
    expect(replayPoint).toBe(0);
    const accepted = emulator.recorder.connections.filter((connection) => connection.handshakeStatus === 101);
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    for (const connection of accepted) {
      expect(connection.fault).toMatchObject({ kind: 'cut', afterAudioMs: 2500 });
      expect(connection.results.filter((result) => result.isFinal)).toEqual([]);
    }
  });
});
