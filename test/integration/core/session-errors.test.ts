import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { EarshotError } from '../../../src/shared/user-facing-error';
import type { Settings } from '../../../src/shared/settings';
import {
  concatSamples,
  createHarness,
  pushFrames,
  silence,
  synthesizeSpeech,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { refusal } from '../../support/refusal';
import { speechToolsMissing } from '../../support/speech-audio';

function startFailure(harness: ReturnType<typeof createHarness>): Promise<EarshotError> {
  return refusal(harness.controller.start());
}

describe.skipIf(speechToolsMissing !== null)(
  'session failures become plain sentences (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(() => emulator.close());
    afterEach(() => {
      emulator.faults.reset();
      emulator.recorder.clear();
      emulator.setCredit(true);
      emulator.setMaxConcurrentStreams(50);
    });

    const harnessFor = (settings: Partial<Settings> = {}, key?: string) =>
      createHarness({ endpoint: emulator.url, key: key ?? emulator.demoKey, settings });

    it("400: a refused option shows Deepgram's own message", async () => {
      const harness = harnessFor({ model: 'nova-99' });
      const error = await startFailure(harness);
      expect(error.userFacing.code).toBe('bad-option');
      expect(error.userFacing.message).toBe(
        'Deepgram refused one of the transcription settings: No such model/language/tier combination found: model=nova-99. Check Settings and try again.',
      );
      expect(harness.controller.state()).toMatchObject({ phase: 'error', error: error.userFacing });
      expect(harness.store.sessions.size).toBe(0);
    });

    it("400: Deepgram's message is shown without any credential it may echo", async () => {
      // A model name is echoed back by Deepgram; a pasted key in the model field must not come back.
      const harness = harnessFor({ model: emulator.demoKey });
      const error = await startFailure(harness);
      expect(error.userFacing.code).toBe('bad-option');
      expect(error.userFacing.message).toContain('model=[redacted]');
      expect(error.userFacing.message).not.toContain(emulator.demoKey);
      expect(JSON.stringify(harness.controller.state())).not.toContain(emulator.demoKey);
    });

    it('401: a bad key at the upgrade (direct) and at token minting (auto)', async () => {
      const badKey = 'f'.repeat(40);
      const direct = await startFailure(harnessFor({ streamingCredential: 'direct' }, badKey));
      expect(direct.userFacing.code).toBe('bad-key');
      expect(direct.userFacing.message).toMatch(/invalid or has expired/);
      expect(emulator.recorder.connections.at(-1)?.handshakeStatus).toBe(401);
      const auto = await startFailure(harnessFor({}, badKey));
      expect(auto.userFacing.code).toBe('bad-key');
      emulator.faults.refuseHandshakes(1, 401);
      const refused = await startFailure(harnessFor());
      expect(refused.userFacing.code).toBe('bad-key');
    });

    it('402 no credit, 403 no permission, 429 too many streams', async () => {
      emulator.setCredit(false);
      const noCredit = await startFailure(harnessFor({ streamingCredential: 'direct' }));
      expect(noCredit.userFacing).toMatchObject({
        code: 'no-credit',
        message: expect.stringMatching(/credit/),
      });
      emulator.setCredit(true);

      emulator.faults.refuseHandshakes(1, 403);
      const noPermission = await startFailure(harnessFor());
      expect(noPermission.userFacing).toMatchObject({
        code: 'no-permission',
        message: expect.stringMatching(/Member role/),
      });

      emulator.setMaxConcurrentStreams(0);
      const busy = await startFailure(harnessFor());
      expect(busy.userFacing).toMatchObject({
        code: 'too-many-streams',
        message: expect.stringMatching(/live streams/),
      });
      expect(emulator.recorder.connections.map((connection) => connection.handshakeStatus)).toEqual([
        402, 403, 429,
      ]);
    });

    it('an unreachable endpoint says so, for the upgrade and for token minting', async () => {
      const unreachable = 'http://127.0.0.1:9';
      const direct = await startFailure(
        createHarness({
          endpoint: unreachable,
          key: emulator.demoKey,
          settings: { streamingCredential: 'direct' },
        }),
      );
      expect(direct.userFacing.code).toBe('endpoint-unreachable');
      expect(direct.userFacing.message).toMatch(/cannot reach the Deepgram endpoint/);
      const auto = await startFailure(createHarness({ endpoint: unreachable, key: emulator.demoKey }));
      expect(auto.userFacing.code).toBe('endpoint-unreachable');
    });

    it('an endpoint that accepts TCP but never answers the upgrade times out as unreachable', async () => {
      const sockets = new Set<Socket>();
      const silent = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = silent.address() as AddressInfo;
        const harness = createHarness({
          endpoint: `http://127.0.0.1:${port}`,
          key: emulator.demoKey,
          settings: { streamingCredential: 'direct' },
          tuning: { connectTimeoutMs: 500 },
        });
        const startedAt = Date.now();
        const error = await startFailure(harness);
        expect(error.userFacing.code).toBe('endpoint-unreachable');
        expect(Date.now() - startedAt).toBeLessThan(3000);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('a fatal close mid-session stops with a sentence and keeps the transcript', async () => {
      emulator.queueUtterances(['Kept before the failure.']);
      const harness = harnessFor();
      await harness.controller.start();
      const speech = synthesizeSpeech('Kept before the failure.');
      await pushFrames(harness.controller, toFrames(concatSamples(silence(200), speech, silence(600))), 4);
      await waitUntil(() => harness.finals().length === 1, 5000, 'the first final');
      emulator.faults.closeConnections(1008, 'DATA-0000');
      await waitUntil(() => harness.controller.state().phase === 'error', 5000, 'the error state');
      const state = harness.controller.state();
      expect(state.error?.code).toBe('connection-lost');
      expect(state.error?.message).toMatch(/could not decode the audio/);
      expect(harness.storedText()).toBe('Kept before the failure.');
      const [record] = [...harness.store.sessions.values()];
      expect(record?.endedAt).toBeInstanceOf(Date);
      expect(emulator.recorder.connections).toHaveLength(1);
      // A stopped session can be started again.
      await harness.controller.start();
      expect(harness.controller.state().phase).toBe('live');
      await harness.controller.stop();
    });

    it('a fatal refusal while reconnecting stops with a sentence and keeps the transcript', async () => {
      emulator.queueUtterances(['Said before the outage.']);
      const harness = harnessFor();
      await harness.controller.start();
      const speech = synthesizeSpeech('Said before the outage.');
      await pushFrames(harness.controller, toFrames(concatSamples(silence(200), speech, silence(600))), 4);
      await waitUntil(() => harness.finals().length === 1, 5000, 'the first final');
      emulator.faults.refuseHandshakes(5, 402);
      emulator.faults.dropConnections();
      await waitUntil(() => harness.controller.state().phase === 'error', 5000, 'the error state');
      expect(harness.controller.state().error?.code).toBe('no-credit');
      expect(harness.states.some((state) => state.phase === 'reconnecting')).toBe(true);
      expect(harness.storedText()).toBe('Said before the outage.');
    });

    it('refuses a second start while a session runs, and pause without a session', async () => {
      const harness = harnessFor();
      expect(() => harness.controller.setPaused(true)).toThrow(EarshotError);
      await harness.controller.start();
      await expect(harness.controller.start()).rejects.toMatchObject({
        userFacing: { code: 'session-busy' },
      });
      await harness.controller.stop();
    });

    it('never puts the key in a state, an error or a log line', async () => {
      const badKey = 'a1b2c3d4'.repeat(5);
      const harness = harnessFor({ streamingCredential: 'direct' }, badKey);
      await startFailure(harness);
      const everything = JSON.stringify([harness.states, harness.transcript]) + harness.log.lines.join('\n');
      expect(everything).not.toContain(badKey);
    });
  },
);
