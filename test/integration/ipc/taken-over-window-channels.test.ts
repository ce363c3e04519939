/**
 * Issue 8's attack over every channel of the contract, including those added after it
 * (Transcribe now for waiting audio, keyterms during a session, exports, History, captions,
 * the dictation status) and what main does on its own (retries of waiting audio, reconnections,
 * a dictation started by the shortcut), in every streaming mode. The window points the endpoint
 * at a bait that answers like Deepgram while a session runs and while audio waits on disk; the
 * bait receives not one byte. The running session keeps its own endpoint, and the waiting audio
 * is transcribed once the endpoint is back, with the key the person saved.
 *
 * `everyChannel` is keyed by the contract's method names, so a channel added later does not
 * typecheck until it is attacked here too.
 */
import { describe, expect, test } from 'vitest';
import type { WaitingAudioStatus } from '../../../src/shared/history';
import { invokeContract, type InvokeMethod } from '../../../src/shared/ipc-contract';
import type { SessionState } from '../../../src/shared/session-state';
import { streamingCredentials, type StreamingCredential } from '../../../src/shared/settings';
import { emulateDictation } from '../../browser/harness/dictation-emulation';
import { hasPrivateKeychain } from '../../support/keychain-tests';
import { useAttackServers } from '../../support/attack-servers';
import { credentialsIn } from '../../support/recording-proxy';
import { hostOf, refusalOf, saveKeyAs, valueOf, type TakenOverMain } from '../../support/taken-over-main';

const servers = useAttackServers();
const { mains } = servers;

const tuning = {
  finishTimeoutMs: 600,
  stopTimeoutMs: 1000,
  backoffBaseMs: 50,
  backoffCapMs: 200,
  connectTimeoutMs: 2000,
};

/** When a channel is attacked: with the others, or after the way back was checked (it removes something). */
type Attack = { payload: (id: string) => unknown; removes?: true };

/** A valid request for every channel of the contract. */
const everyChannel: Record<InvokeMethod, Attack> = {
  getKeyStatus: { payload: () => undefined },
  // The attacker's own key for the bait: the person did not ask for it and says no.
  saveKey: { payload: () => saveKeyAs('0123456789abcdef'.repeat(2), servers.bait.url, 'direct') },
  testKey: { payload: () => undefined },
  removeKey: { payload: () => undefined, removes: true },
  getSettings: { payload: () => undefined },
  updateSettings: { payload: () => ({ audioSource: 'both', keyterms: ['Earshot'] }) },
  startSession: { payload: () => undefined },
  stopSession: { payload: () => undefined },
  stopSessionNow: { payload: () => undefined },
  pauseSession: { payload: () => ({ paused: false }) },
  getSessionState: { payload: () => undefined },
  setKeyterms: { payload: () => ({ keyterms: ['Deepgram', 'Earshot'] }) },
  showCaptions: { payload: () => undefined },
  getDictationStatus: { payload: () => undefined },
  listHistory: { payload: () => undefined },
  getHistorySession: { payload: (id) => ({ id }) },
  transcribeWaitingAudio: { payload: (id) => ({ id }) },
  deleteWaitingAudio: { payload: (id) => ({ id }), removes: true },
  searchHistory: { payload: () => ({ query: 'earshot' }) },
  renameSession: { payload: (id) => ({ id, title: 'attack' }) },
  deleteSession: { payload: (id) => ({ id }), removes: true },
  restoreSession: { payload: (id) => ({ id }) },
  renameSpeaker: { payload: (id) => ({ id, speakerKey: '0', name: 'attacker' }) },
  getStorageInfo: { payload: () => undefined },
  exportSession: { payload: (id) => ({ id, format: 'json' }) },
};

async function attackEveryChannel(app: TakenOverMain, id: string, which: 'keeps' | 'removes') {
  for (const [method, attack] of Object.entries(everyChannel) as Array<[InvokeMethod, Attack]>) {
    if ((attack.removes === true) !== (which === 'removes')) continue;
    const payload = attack.payload(id);
    // Every request is one the contract accepts: whatever refuses it is main's rule, not the validator.
    expect(() => invokeContract[method].request(payload, 'request'), method).not.toThrow();
    await app.invoke(method, payload);
  }
  for (let press = 0; press < 3; press += 1) {
    app.send('reportNetworkOnline');
    app.send('reportCaptureProblem', { problem: 'device-lost' });
    await app.sendAudio(5);
  }
}

const waitFor = async (what: string, done: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const lastWaiting = (app: TakenOverMain, id: string) =>
  app.events
    .filter((event) => event.method === 'onWaitingAudio')
    .map((event) => event.payload as WaitingAudioStatus)
    .filter((status) => status.sessionId === id)
    .at(-1);

describe.skipIf(!hasPrivateKeychain())(
  'a taken-over window, over every channel, cannot make main talk to another host (needs the private Secret Service, Linux)',
  () => {
    test('every method of the contract is attacked here', () => {
      expect(Object.keys(everyChannel).sort()).toEqual(Object.keys(invokeContract).sort());
    });

    test.each<StreamingCredential>([...streamingCredentials])(
      'streaming mode %s: during a session, with audio waiting and after, the bait gets nothing',
      async (mode) => {
        const dictation = emulateDictation(() => true);
        const app = await mains.open({ sessionTuning: tuning, dictation: dictation.glue });
        const realKey = servers.real.createKey({ scopes: ['member'], comment: `real ${mode}` }).key;
        app.personAnswers(true);
        valueOf(await app.invoke('saveKey', saveKeyAs(realKey, servers.real.url, mode)));
        app.personAnswers(false);
        const baitBytes = servers.bait.received().length;
        const baitConnections = servers.bait.connections();

        // A session the person started with Deepgram at the saved endpoint.
        const { sessionId } = valueOf<SessionState>(await app.invoke('startSession'));
        const id = sessionId as string;
        await app.sendAudio(10);
        const realConnections = servers.real.recorder.connections.length;

        // ── The window moves the endpoint mid-session and pokes at everything. ──
        valueOf(await app.invoke('updateSettings', { endpoint: servers.bait.url }));
        valueOf(await app.invoke('setKeyterms', { keyterms: ['Earshot'] }));
        valueOf(await app.invoke('pauseSession', { paused: true }));
        valueOf(await app.invoke('pauseSession', { paused: false }));
        // Deepgram drops the connection and then refuses for a while: the session reconnects to
        // its own endpoint, never to the one the window set, and Stop keeps the rest on disk.
        servers.real.faults.refuseHandshakes(1000, 503);
        servers.real.faults.dropConnections();
        await app.sendAudio(20);
        app.send('reportNetworkOnline');
        await app.invoke('stopSession');
        await app.invoke('stopSessionNow');
        await waitFor('the session to end', () => !isRunning(app));
        expect(servers.real.recorder.connections.length).toBeGreaterThan(realConnections);
        await waitFor('audio waiting on disk', () => (lastWaiting(app, id)?.waitingAudioSeconds ?? 0) > 0);
        servers.real.faults.reset();

        // Audio waits; the endpoint is the bait's. Main's own retries and every channel refuse it.
        await attackEveryChannel(app, id, 'keeps');
        const mismatch = `The key was saved for ${hostOf(servers.real.url)}. Save it again to use it with ${hostOf(servers.bait.url)}.`;
        valueOf(await app.invoke('transcribeWaitingAudio', { id }));
        await waitFor('Transcribe now to be refused', () => lastWaiting(app, id)?.problem === mismatch);
        expect(refusalOf(await app.invoke('startSession')).message).toBe(mismatch);
        // The shortcut, pressed by the person: the dictation's session is refused the same way.
        app.core.dictation?.keyDown();
        await new Promise((resolve) => setTimeout(resolve, 400));
        app.core.dictation?.keyUp();
        await app.core.dictation?.settled();
        expect(dictation.notices.map((notice) => notice.message).join(' ')).toContain(mismatch);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(servers.bait.connections()).toBe(baitConnections);
        expect(servers.bait.received().slice(baitBytes)).toBe('');

        // ── Back to the endpoint the key was saved for: the waiting audio goes there. ──
        valueOf(
          await app.invoke('updateSettings', { endpoint: servers.real.url, audioSource: 'microphone' }),
        );
        const beforeBack = servers.real.recorder.connections.length;
        valueOf(await app.invoke('transcribeWaitingAudio', { id }));
        await waitFor('the waiting audio to be transcribed', () => {
          const status = lastWaiting(app, id);
          return status?.waitingAudioSeconds === 0 && !status.transcribing;
        });
        expect(servers.real.recorder.connections.length).toBeGreaterThan(beforeBack);

        // ── What removes things, from the bait's endpoint again: still nothing reaches it. ──
        valueOf(await app.invoke('updateSettings', { endpoint: servers.bait.url }));
        await attackEveryChannel(app, id, 'removes');
        await attackEveryChannel(app, id, 'keeps');
        expect(servers.bait.connections()).toBe(baitConnections);
        const sentToBait = servers.bait.received().slice(baitBytes);
        expect(sentToBait).toBe('');
        expect(credentialsIn(sentToBait, [realKey])).toEqual([]);
        expect(
          app.endpointQuestions.filter((question) => question.origin === servers.bait.url).length,
        ).toBeGreaterThan(0);
        expect(app.logText()).not.toContain(realKey);
      },
      60_000,
    );
  },
);

function isRunning(app: TakenOverMain): boolean {
  const last = app.events.filter((event) => event.method === 'onSessionState').at(-1)?.payload as
    SessionState | undefined;
  return last !== undefined && !['idle', 'error'].includes(last.phase);
}
