import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultScript, startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { frames, openSdkSocket, rawUpgrade, silence } from '../../support/emulator-client';

const listenPath = '/v1/listen?model=nova-3&encoding=linear16&sample_rate=16000';

/** Sends ms of audio in 20 ms frames while the socket is open, as a capture loop would. */
function sendAudio(socket: { readyState: number; sendMedia(frame: Buffer): void }, ms: number): void {
  for (const frame of frames(silence(ms))) {
    if (socket.readyState !== 1) return;
    socket.sendMedia(frame);
  }
}

describe('emulator fault scripts (persistent cuts and refusals)', () => {
  let emulator: DeepgramEmulator;

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
  const upgrade = () => rawUpgrade(emulator.url, listenPath, { authorization: `Token ${emulator.demoKey}` });

  it('cuts every connection after that much of ITS audio (1006), then refuses the next 2 handshakes with 503, every time', async () => {
    emulator.faults.useScript(parseFaultScript('cut-after=500ms,refuse-after-cut=2x503'));
    for (let round = 0; round < 2; round += 1) {
      const { socket, closed } = await open();
      sendAudio(socket, 1000);
      expect((await closed).code).toBe(1006);
      expect((await upgrade()).status).toBe(503);
      expect((await upgrade()).status).toBe(503);
    }
    // The round after: accepted again, and cut again at 500 ms of its own audio.
    const third = await open();
    sendAudio(third.socket, 1000);
    expect((await third.closed).code).toBe(1006);

    await emulator.recorder.waitFor((recorder) => recorder.connections.length === 7, 1000);
    const connections = emulator.recorder.connections;
    expect(connections.map((connection) => connection.handshakeStatus)).toEqual([
      101, 503, 503, 101, 503, 503, 101,
    ]);
    for (const cut of [connections[0], connections[3], connections[6]]) {
      expect(cut?.fault).toEqual({ kind: 'cut', closeCode: 1006, afterAudioMs: 500, source: 'script' });
      // Frames the client sent after the cut never counted.
      expect(cut?.audio.durationMs).toBe(500);
      expect(cut?.closeCode).toBe(1006);
    }
    for (const refused of [connections[1], connections[2], connections[4], connections[5]]) {
      expect(refused?.fault).toEqual({ kind: 'refused', status: 503, source: 'script' });
    }
  });

  it('cut-with=1011 ends the connection with a close frame 1011 the SDK reports, and reads nothing after it', async () => {
    emulator.faults.useScript(parseFaultScript('cut-after=300ms,cut-with=1011'));
    const { socket, closed } = await open();
    sendAudio(socket, 1000);
    expect(await closed).toEqual({ code: 1011, reason: 'NET-0000' });
    await emulator.recorder.waitFor((recorder) => recorder.connections[0]?.closedAt !== null, 1000);
    const [connection] = emulator.recorder.connections;
    expect(connection?.fault).toEqual({ kind: 'cut', closeCode: 1011, afterAudioMs: 300, source: 'script' });
    expect(connection?.closeCode).toBe(1011);
    expect(connection?.audio.durationMs).toBe(300);
    // No refusals were scripted: the next handshake is accepted.
    expect((await upgrade()).status).toBe(101);
  });

  it('acts on a connection that was already open, counting the audio it received before the script', async () => {
    const { socket, closed } = await open();
    sendAudio(socket, 200);
    await emulator.recorder.waitFor((recorder) => recorder.connections[0]?.audio.durationMs === 200, 1000);
    emulator.faults.useScript(parseFaultScript('cut-after=300ms'));
    sendAudio(socket, 400);
    expect((await closed).code).toBe(1006);
    expect(emulator.recorder.connections[0]?.audio.durationMs).toBe(300);
  });

  it('combines with one-shot faults: refuseHandshakes goes first, then the script refusals', async () => {
    emulator.faults.useScript(parseFaultScript('cut-after=200ms,refuse-after-cut=1x503'));
    const { socket, closed } = await open();
    sendAudio(socket, 400);
    await closed;
    emulator.faults.refuseHandshakes(1, 429);
    expect((await upgrade()).status).toBe(429);
    expect((await upgrade()).status).toBe(503);
    expect((await upgrade()).status).toBe(101);
    expect(emulator.recorder.connections.slice(1, 3).map((connection) => connection.fault)).toEqual([
      { kind: 'refused', status: 429, source: 'once' },
      { kind: 'refused', status: 503, source: 'script' },
    ]);
  });

  it('dropAfterAudioMs (one-shot) is recorded as a cut too, and the script refusals do not follow it', async () => {
    emulator.faults.useScript(parseFaultScript('cut-after=2s,refuse-after-cut=2x503'));
    emulator.faults.dropAfterAudioMs(100);
    const { socket, closed } = await open();
    sendAudio(socket, 400);
    expect((await closed).code).toBe(1006);
    expect(emulator.recorder.connections[0]?.fault).toEqual({
      kind: 'cut',
      closeCode: 1006,
      afterAudioMs: 100,
      source: 'once',
    });
    expect((await upgrade()).status).toBe(101);
  });

  it('reset ends the script and its pending refusals', async () => {
    emulator.faults.useScript(parseFaultScript('cut-after=200ms,refuse-after-cut=3x503'));
    const first = await open();
    sendAudio(first.socket, 400);
    await first.closed;
    expect(emulator.faults.script.cutAfterMs).toBe(200);
    emulator.faults.reset();
    expect(emulator.faults.script.cutAfterMs).toBeNull();
    expect((await upgrade()).status).toBe(101);
    const second = await open();
    sendAudio(second.socket, 600);
    await emulator.recorder.waitFor((recorder) => recorder.connections[2]?.audio.durationMs === 600, 1000);
    expect(second.socket.readyState).toBe(1);
    expect(emulator.recorder.connections[2]?.fault).toBeNull();
    second.socket.close();
  });

  it('startDeepgramEmulator({ faultScript }) starts with the script in effect', async () => {
    const scripted = await startDeepgramEmulator({
      faultScript: parseFaultScript('cut-after=100ms,refuse-after-cut=1x429'),
    });
    try {
      const { socket, closed } = await openSdkSocket(scripted.url, { apiKey: scripted.demoKey }, {});
      sendAudio(socket, 300);
      expect((await closed).code).toBe(1006);
      const refused = await rawUpgrade(scripted.url, listenPath, {
        authorization: `Token ${scripted.demoKey}`,
      });
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.body)).toMatchObject({ err_code: 'TOO_MANY_REQUESTS' });
    } finally {
      await scripted.close();
    }
  });
});
