/**
 * Issue 8's attack, as a taken-over window would make it: only contract messages from our
 * own (trusted) window, through the real dispatcher and core, with the real keychain. The
 * bait is a host that answers like Deepgram (an emulator behind a recording proxy); after
 * the window points the endpoint at it and asks for everything that could carry a
 * credential, in every streaming mode, the bait has received no byte at all, let alone a
 * credential. Then the same flows done as a person would (key re-entered for the new host,
 * and back) work.
 */
import { describe, expect, test } from 'vitest';
import type { KeyStatus } from '../../../src/shared/key-status';
import type { StreamingCredential } from '../../../src/shared/settings';
import { hasPrivateKeychain } from '../../support/keychain-tests';
import { useAttackServers } from '../../support/attack-servers';
import { credentialsIn } from '../../support/recording-proxy';
import { hostOf as host, refusalOf, runSession, saveKeyAs, valueOf } from '../../support/taken-over-main';

const servers = useAttackServers();
const { mains } = servers;
const openMain = () => mains.open();

describe.skipIf(!hasPrivateKeychain())(
  'a taken-over window cannot send the key anywhere (needs the private Secret Service, Linux)',
  () => {
    test.each<StreamingCredential>(['auto', 'ephemeral-key', 'direct'])(
      'streaming mode %s: the bait gets nothing; re-entering the key moves it, and back works',
      async (mode) => {
        const app = await openMain();
        const realKey = servers.real.createKey({ scopes: ['member'], comment: `real ${mode}` }).key;
        // The admin sets the key up, and confirms the endpoint main asks about.
        app.personAnswers(true);
        const saved = valueOf<KeyStatus>(
          await app.invoke('saveKey', saveKeyAs(realKey, servers.real.url, mode)),
        );
        expect(saved).toMatchObject({ endpoint: servers.real.url, projectId: servers.real.projectId });
        await runSession(app);
        expect(app.endpointQuestions).toEqual([{ host: host(servers.real.url), origin: servers.real.url }]);
        app.personAnswers(false);
        const baitBytesBefore = servers.bait.received().length;
        const baitConnectionsBefore = servers.bait.connections();

        // ── The attack: the window alone. ──
        const moved = await app.invoke('updateSettings', { endpoint: servers.bait.url });
        // The endpoint setting may change; nothing is ever sent there with the key.
        expect(moved.ok).toBe(true);
        if (mode !== 'direct') {
          expect(
            refusalOf(await app.invoke('updateSettings', { streamingCredential: 'direct' })).message,
          ).toMatch(/chosen together with the key/);
        }
        const mismatch = `The key was saved for ${host(servers.real.url)}. Save it again to use it with ${host(servers.bait.url)}.`;
        expect(refusalOf(await app.invoke('testKey'))).toEqual({
          code: 'key-other-endpoint',
          message: mismatch,
        });
        expect(refusalOf(await app.invoke('startSession'))).toEqual({
          code: 'key-other-endpoint',
          message: mismatch,
        });
        await app.sendAudio(5);
        const status = valueOf<KeyStatus>(await app.invoke('getKeyStatus'));
        expect(status).toMatchObject({
          stored: true,
          endpoint: servers.real.url,
          projectId: servers.real.projectId,
        });
        // "Saves without a key": every shape of it is refused before any handler runs.
        for (const payload of [
          { persistence: 'keychain', endpoint: servers.bait.url, streamingCredential: 'direct' },
          { key: '', persistence: 'keychain', endpoint: servers.bait.url, streamingCredential: 'direct' },
          { key: null, persistence: 'keychain', endpoint: servers.bait.url, streamingCredential: 'direct' },
          {
            key: { toString: 'x' },
            persistence: 'keychain',
            endpoint: servers.bait.url,
            streamingCredential: 'direct',
          },
        ]) {
          expect(refusalOf(await app.invoke('saveKey', payload)).code).toBe('invalid-request');
        }
        // A key of the attacker's own, for its own host: main asks the person first, who did
        // not ask for it, and nothing at all is sent (else main would stream the microphone there).
        const ownKey = await app.invoke('saveKey', saveKeyAs('f'.repeat(40), servers.bait.url, 'direct'));
        expect(refusalOf(ownKey)).toEqual({
          code: 'endpoint-not-confirmed',
          message: `Earshot did not use ${host(servers.bait.url)}, because it was not confirmed. Nothing was sent there. To use it, save the key again and choose “Use ${host(servers.bait.url)}”.`,
        });
        expect(app.endpointQuestions.at(-1)).toEqual({
          host: host(servers.bait.url),
          origin: servers.bait.url,
        });
        expect(servers.bait.connections()).toBe(baitConnectionsBefore);
        const sentToBait = servers.bait.received().slice(baitBytesBefore);
        expect(sentToBait).toBe('');
        expect(credentialsIn(sentToBait, [realKey])).toEqual([]);
        // The key is still there and still the real one's.
        expect(valueOf<KeyStatus>(await app.invoke('getKeyStatus')).fingerprint).toBe(saved.fingerprint);

        // ── Back to the original endpoint: works without re-entering the key. ──
        valueOf(await app.invoke('updateSettings', { endpoint: servers.real.url }));
        const realConnections = servers.real.recorder.connections.length;
        await runSession(app);
        expect(servers.real.recorder.connections.length).toBe(realConnections + 1);

        // ── The key re-entered for the new host, as a person would: it works there. ──
        const baitKey = servers.baitUpstream.createKey({ scopes: ['member'], comment: `bait ${mode}` }).key;
        app.personAnswers(true);
        const rebound = valueOf<KeyStatus>(
          await app.invoke('saveKey', saveKeyAs(baitKey, servers.bait.url, mode)),
        );
        expect(rebound).toMatchObject({
          endpoint: servers.bait.url,
          projectId: servers.baitUpstream.projectId,
        });
        const baitSessions = servers.baitUpstream.recorder.connections.length;
        await runSession(app);
        expect(servers.baitUpstream.recorder.connections.length).toBeGreaterThan(baitSessions);
        // What the new host received was only its own key or what was minted from it.
        expect(credentialsIn(servers.bait.received().slice(baitBytesBefore), [realKey])).not.toContain(
          'a secret (raw)',
        );

        // ── And back again: the key now belongs to the new host, so the old one is refused until re-entered. ──
        valueOf(await app.invoke('updateSettings', { endpoint: servers.real.url }));
        expect(refusalOf(await app.invoke('startSession')).code).toBe('key-other-endpoint');
        valueOf(await app.invoke('saveKey', saveKeyAs(realKey, servers.real.url, mode)));
        await runSession(app);
        expect(app.logText()).not.toContain(realKey);
        expect(app.logText()).not.toContain(baitKey);
      },
    );

    test('key checks and session starts are rate-limited with a sentence that says when to try again', async () => {
      const app = await openMain();
      app.personAnswers(true);
      valueOf(await app.invoke('updateSettings', { endpoint: servers.bait.url }));
      const answers: Array<{ code: string; message: string } | null> = [];
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const result = await app.invoke('saveKey', saveKeyAs('x'.repeat(40), servers.bait.url, 'auto'));
        answers.push(result.ok ? null : result.error);
      }
      const limited = answers.filter((answer) => answer?.code === 'rate-limited');
      expect(limited.length).toBeGreaterThanOrEqual(4);
      expect(limited[0]?.message).toMatch(
        /^Too many key checks in a short time\. Try again in \d+ seconds?\.$/,
      );
      const connectionsBefore = servers.bait.connections();
      await app.invoke('testKey');
      expect(servers.bait.connections()).toBe(connectionsBefore);
      const starts: string[] = [];
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const result = await app.invoke('startSession');
        starts.push(result.ok ? 'ok' : result.error.code);
      }
      expect(starts.slice(0, 12).every((code) => code === 'no-key')).toBe(true);
      expect(starts.slice(12).every((code) => code === 'rate-limited')).toBe(true);
    });

    test('settings changes are rate-limited too: a loop cannot make main rewrite the settings file without end', async () => {
      let clock = 1_000_000;
      const app = await mains.open({ now: () => clock });
      const answers: string[] = [];
      for (let change = 0; change < 80; change += 1) {
        const result = await app.invoke('updateSettings', { smartFormat: change % 2 === 0 });
        answers.push(result.ok ? 'ok' : result.error.code);
      }
      expect(answers.slice(0, 60)).toEqual(Array(60).fill('ok'));
      expect(answers.slice(60).every((answer) => answer === 'rate-limited')).toBe(true);
      expect(refusalOf(await app.invoke('updateSettings', { smartFormat: false })).message).toBe(
        'Too many settings changes in a short time. Try again in 1 second.',
      );
      clock += 1_000;
      const settled = valueOf<{ settings: { smartFormat: boolean } }>(
        await app.invoke('updateSettings', { smartFormat: false }),
      );
      expect(settled.settings.smartFormat).toBe(false);
    });
  },
);
