import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  synthesizeSpeech,
  frames,
  openSdkSocket,
  rawSocket,
  results,
  silence,
  waitUntil,
} from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

const baseQuery = 'model=nova-3&encoding=linear16&sample_rate=16000&channels=1';
const net0001 =
  'Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001';

describe.skipIf(speechToolsMissing !== null)(
  'emulator /v1/listen control messages and timeouts (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    const speech = synthesizeSpeech('Hello there, how are you?');

    beforeAll(async () => {
      // Long enough that a busy machine's timer jitter cannot fake an idle connection.
      emulator = await startDeepgramEmulator({ idleTimeoutMs: 1000 });
    });
    afterAll(async () => {
      await emulator.close();
    });
    beforeEach(() => emulator.recorder.clear());

    it('CloseStream sends the remaining final Results, then Metadata with the audio sha256, then closes 1000', async () => {
      emulator.queueUtterances(['hello there how are you']);
      const { socket, messages, closed } = await openSdkSocket(
        emulator.url,
        { apiKey: emulator.demoKey },
        {},
      );
      // Speech with no trailing silence: only CloseStream can finalize it.
      const audio = concatSamples(silence(300), speech);
      for (const frame of frames(audio)) socket.sendMedia(frame);
      socket.sendCloseStream({ type: 'CloseStream' });
      const close = await closed;
      expect(close.code).toBe(1000);
      expect(messages.map((message) => message.type)).toEqual(['Results', 'Metadata']);
      expect(results(messages)[0]?.channel.alternatives[0]?.transcript).toBe('hello there how are you');
      const metadata = messages[1] as Record<string, unknown>;
      const bytes = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength);
      expect(metadata).toMatchObject({
        type: 'Metadata',
        transaction_key: 'deprecated',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        channels: 1,
        request_id: emulator.recorder.connections[0]?.requestId,
      });
      expect(metadata.duration).toBeCloseTo(audio.length / 16000, 2);
      expect(Date.parse(metadata.created as string)).not.toBeNaN();
      await emulator.recorder.waitFor((recorder) => recorder.connections[0]?.closedAt !== null, 1000);
      const connection = emulator.recorder.connections[0];
      expect(connection?.closeCode).toBe(1000);
      expect(connection?.controlMessages.map((message) => message.type)).toEqual(['CloseStream']);
      expect(connection?.audio).toMatchObject({
        bytes: bytes.length,
        frames: frames(audio).length,
        sampleRate: 16000,
        encoding: 'linear16',
        channels: 1,
      });
      expect(
        connection?.audio.frameSizes.every((size, index, all) => size === 640 || index === all.length - 1),
      ).toBe(true);
      expect(connection?.results).toEqual([
        expect.objectContaining({ isFinal: true, speechFinal: true, transcript: 'hello there how are you' }),
      ]);
    });

    it('Finalize flushes the utterance in progress with from_finalize and keeps the connection open', async () => {
      emulator.queueUtterances(['hello there how are you', 'second']);
      const { socket, messages } = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
      for (const frame of frames(concatSamples(silence(200), speech))) socket.sendMedia(frame);
      socket.sendFinalize({ type: 'Finalize' });
      await waitUntil(() => results(messages).length === 1);
      const [flushed] = results(messages);
      expect(flushed).toMatchObject({ is_final: true, from_finalize: true });
      expect(flushed?.channel.alternatives[0]?.transcript).toBe('hello there how are you');
      expect(socket.readyState).toBe(1);
      socket.close();
    });

    it('KeepAlive gets no reply and does not advance timestamps; SpeechStarted and UtteranceEnd follow the audio', async () => {
      emulator.queueUtterances(['one', 'two']);
      const { socket, messages } = await openSdkSocket(
        emulator.url,
        { apiKey: emulator.demoKey },
        {
          interim_results: 'true',
          vad_events: 'true',
          utterance_end_ms: 1000,
        },
      );
      for (const frame of frames(concatSamples(silence(500), speech, silence(1500)))) socket.sendMedia(frame);
      for (let i = 0; i < 3; i += 1) {
        socket.sendKeepAlive({ type: 'KeepAlive' });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      for (const frame of frames(concatSamples(speech, silence(500)))) socket.sendMedia(frame);
      socket.sendCloseStream({ type: 'CloseStream' });
      await waitUntil(() => messages.some((message) => message.type === 'Metadata'));
      const types = messages.map((message) => message.type).filter((type) => type !== 'Results');
      expect(types).toEqual(['SpeechStarted', 'UtteranceEnd', 'SpeechStarted', 'Metadata']);
      const started = messages.filter((message) => message.type === 'SpeechStarted');
      expect(started[0]?.timestamp).toBeCloseTo(0.5, 1);
      const secondStart = 0.5 + speech.length / 16000 + 1.5;
      expect(started[1]?.timestamp).toBeCloseTo(secondStart, 1);
      const finals = results(messages).filter((message) => message.is_final);
      expect(finals[1]?.channel.alternatives[0]?.words[0]?.start).toBeGreaterThan(secondStart - 0.1);
      const utteranceEnd = messages.find((message) => message.type === 'UtteranceEnd');
      expect(utteranceEnd?.last_word_end).toBe(finals[0]?.channel.alternatives[0]?.words.at(-1)?.end);
      expect(utteranceEnd?.channel).toEqual([0, 1]);
      expect(emulator.recorder.connections[0]?.controlMessages.map((message) => message.type)).toEqual([
        'KeepAlive',
        'KeepAlive',
        'KeepAlive',
        'CloseStream',
      ]);
    });

    it('closes 1011 NET-0001 after idleTimeoutMs without any frame', async () => {
      const { closed } = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
      const openedAt = Date.now();
      expect(await closed).toEqual({ code: 1011, reason: net0001 });
      expect(Date.now() - openedAt).toBeGreaterThanOrEqual(950);
      expect(emulator.recorder.connections[0]).toMatchObject({ closeCode: 1011, closeReason: net0001 });
    });

    it('KeepAlive keeps an idle connection open (default mode)', async () => {
      const { socket, closed } = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
      let closedEarly = false;
      void closed.then(() => (closedEarly = true));
      for (let i = 0; i < 10; i += 1) {
        socket.sendKeepAlive({ type: 'KeepAlive' });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(closedEarly).toBe(false);
      socket.close();
    });

    it('an empty binary frame ends the stream like CloseStream and is recorded', async () => {
      emulator.queueUtterances(['hello there how are you']);
      const { ws, messages, closed } = await rawSocket(emulator.url, baseQuery, {
        headers: { authorization: `Token ${emulator.demoKey}` },
      });
      for (const frame of frames(concatSamples(silence(200), speech))) ws.send(frame);
      ws.send(Buffer.alloc(0));
      expect((await closed).code).toBe(1000);
      expect(messages.map((message) => message.type)).toEqual(['Results', 'Metadata']);
      expect(emulator.recorder.connections[0]?.emptyBinaryFrames).toBe(1);
    });
  },
);

describe.skipIf(speechToolsMissing !== null)('emulator strictKeepAlive (needs espeak-ng and sox)', () => {
  it('does not let KeepAlive alone hold the connection before any audio', async () => {
    const emulator = await startDeepgramEmulator({ idleTimeoutMs: 1000, strictKeepAlive: true });
    try {
      const { socket, closed } = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
      const started = Date.now();
      // The server's close frame puts the socket in CLOSING before the close event resolves
      // `closed`, so the interval must stop itself rather than send into a closing socket.
      const timer = setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.sendKeepAlive({ type: 'KeepAlive' });
        else clearInterval(timer);
      }, 100);
      const close = await closed;
      clearInterval(timer);
      expect(close.code).toBe(1011);
      expect(Date.now() - started).toBeLessThan(2500);

      const second = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});
      second.socket.sendMedia(new Uint8Array(640));
      let closedEarly = false;
      void second.closed.then(() => (closedEarly = true));
      for (let i = 0; i < 10; i += 1) {
        second.socket.sendKeepAlive({ type: 'KeepAlive' });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(closedEarly).toBe(false);
      second.socket.close();
    } finally {
      await emulator.close();
    }
  });
});
