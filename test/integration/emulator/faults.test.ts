import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  synthesizeSpeech,
  frames,
  openSdkSocket,
  rawUpgrade,
  results,
  silence,
  waitUntil,
} from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

const listenPath = '/v1/listen?model=nova-3&encoding=linear16&sample_rate=16000';

describe.skipIf(speechToolsMissing !== null)('emulator fault injection (needs espeak-ng and sox)', () => {
  let emulator: DeepgramEmulator;
  const speech = synthesizeSpeech('This sentence is cut in the middle.');

  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.recorder.clear();
    emulator.faults.reset();
  });

  const open = () => openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {});

  it('dropConnections destroys live sockets: the SDK sees 1006', async () => {
    const first = await open();
    const second = await open();
    emulator.faults.dropConnections();
    expect((await first.closed).code).toBe(1006);
    expect((await second.closed).code).toBe(1006);
    await emulator.recorder.waitFor(
      (recorder) => recorder.connections.every((c) => c.closedAt !== null),
      1000,
    );
    expect(emulator.recorder.connections.map((connection) => connection.closeCode)).toEqual([1006, 1006]);
  });

  it('closeConnections sends close frames with the given code and reason', async () => {
    const first = await open();
    emulator.faults.closeConnections();
    expect(await first.closed).toEqual({ code: 1011, reason: 'NET-0000' });
    const second = await open();
    emulator.faults.closeConnections(1012, 'restart');
    expect(await second.closed).toEqual({ code: 1012, reason: 'restart' });
  });

  it('stall holds Results back while audio is still read, then delivers them', async () => {
    emulator.queueUtterances(['this sentence is cut in the middle']);
    const { socket, messages } = await open();
    emulator.faults.stall(600);
    const stalledAt = Date.now();
    for (const frame of frames(concatSamples(speech, silence(600)))) socket.sendMedia(frame);
    await emulator.recorder.waitFor((recorder) => (recorder.connections[0]?.audio.frames ?? 0) > 100, 1000);
    expect(messages).toEqual([]);
    await waitUntil(() => results(messages).length > 0, 2000);
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(550);
    expect(results(messages)[0]?.channel.alternatives[0]?.transcript).toBe(
      'this sentence is cut in the middle',
    );
    socket.close();
  });

  it.each([
    [429, 'TOO_MANY_REQUESTS'],
    [503, 'SERVICE_UNAVAILABLE'],
    [401, 'INVALID_AUTH'],
    [402, 'ASR_PAYMENT_REQUIRED'],
    [403, 'FORBIDDEN'],
  ] as const)('refuseHandshakes(n, %i) refuses the next n upgrades with %s', async (status, errCode) => {
    emulator.faults.refuseHandshakes(2, status);
    const headers = { authorization: `Token ${emulator.demoKey}` };
    for (let i = 0; i < 2; i += 1) {
      const refused = await rawUpgrade(emulator.url, listenPath, headers);
      expect(refused.status).toBe(status);
      expect(JSON.parse(refused.body)).toMatchObject({ err_code: errCode });
      expect(refused.headers['dg-error']).toBeTruthy();
    }
    expect((await rawUpgrade(emulator.url, listenPath, headers)).status).toBe(101);
  });

  it('dropAfterAudioMs drops the next connection once it has received that much audio, once', async () => {
    emulator.queueUtterances(['this sentence is cut in the middle', 'next']);
    emulator.faults.dropAfterAudioMs(600);
    const cut = await open();
    for (const frame of frames(concatSamples(speech, silence(600)))) {
      if (cut.socket.readyState !== 1) break;
      cut.socket.sendMedia(frame);
    }
    expect((await cut.closed).code).toBe(1006);
    const dropped = emulator.recorder.connections[0];
    expect(dropped?.closeCode).toBe(1006);
    expect(dropped?.audio.durationMs).toBeGreaterThanOrEqual(600);
    expect(dropped?.audio.durationMs).toBeLessThan(1000);
    expect(dropped?.results.filter((result) => result.isFinal)).toEqual([]);

    // The replay on a new connection gets the text the cut utterance did not consume.
    const replay = await open();
    for (const frame of frames(concatSamples(speech, silence(600)))) replay.socket.sendMedia(frame);
    replay.socket.sendCloseStream({ type: 'CloseStream' });
    expect((await replay.closed).code).toBe(1000);
    const finals = results(replay.messages).filter((message) => message.is_final);
    expect(finals.map((message) => message.channel.alternatives[0]?.transcript)).toEqual([
      'this sentence is cut in the middle',
    ]);
  });

  it('reset clears pending refusals and drops', async () => {
    emulator.faults.refuseHandshakes(1, 503);
    emulator.faults.dropAfterAudioMs(20);
    emulator.faults.reset();
    expect(
      (await rawUpgrade(emulator.url, listenPath, { authorization: `Token ${emulator.demoKey}` })).status,
    ).toBe(101);
    const { socket } = await open();
    for (const frame of frames(silence(200))) socket.sendMedia(frame);
    await emulator.recorder.waitFor((recorder) => recorder.connections[1]?.audio.frames === 10, 1000);
    expect(socket.readyState).toBe(1);
    socket.close();
  });

  it('recorder.waitFor rejects when the condition never holds', async () => {
    await expect(
      emulator.recorder.waitFor((recorder) => recorder.connections.length > 5, 50),
    ).rejects.toThrow(/within 50 ms/);
  });
});
