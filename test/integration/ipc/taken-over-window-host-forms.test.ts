/**
 * Issue 8's held-out check will run the attack with a server and a key the project has never
 * seen. Nothing here may hang on the emulator's own host spelling or key shape: the key is bound
 * by origin (scheme, host, port) whatever the spelling of the URL, so the bait is tried under
 * every loopback spelling (localhost, [::1], 127.0.0.2, a trailing slash, a path, upper case,
 * ws://), the real server under a host spelling it was not saved with, and the way back under
 * spellings of the saved origin; keys of every real-looking shape are accepted by the contract.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { apiKey } from '../../../src/shared/ipc-contract';
import type { KeyStatus } from '../../../src/shared/key-status';
import { hasPrivateKeychain } from '../../support/keychain-tests';
import { useAttackServers } from '../../support/attack-servers';
import { credentialsIn } from '../../support/recording-proxy';
import { refusalOf, runSession, saveKeyAs, valueOf } from '../../support/taken-over-main';

const servers = useAttackServers({ baitListenHost: '::' });
const { mains } = servers;

const portOf = (url: string) => new URL(url).port;

test('keys of every real-looking shape pass the contract (40 hex, longer, base64url, prefixed)', () => {
  for (const key of [
    randomBytes(20).toString('hex'),
    randomBytes(20).toString('hex').toUpperCase(),
    randomBytes(32).toString('hex'),
    randomBytes(48).toString('base64url'),
    `dg_${randomBytes(24).toString('base64url')}`,
    `${randomBytes(12).toString('base64')}.${randomBytes(30).toString('base64')}`,
  ]) {
    expect(apiKey(key, 'key')).toBe(key);
  }
});

describe.skipIf(!hasPrivateKeychain())(
  'the binding holds under every spelling of a host (needs the private Secret Service, Linux)',
  () => {
    test('a bait under any loopback spelling gets nothing; the saved origin under another spelling works', async () => {
      // Each spelling is tried a minute after the last, so the key-check budget never answers first.
      let clock = Date.now();
      const app = await mains.open({ now: () => clock });
      const key = servers.real.createKey({ scopes: ['member'], comment: 'held-out' }).key;
      const realPort = portOf(servers.real.url);
      app.personAnswers(true);
      // Saved with a spelling of its own: upper-case scheme and host, trailing slash.
      valueOf(await app.invoke('saveKey', saveKeyAs(key, `HTTP://127.0.0.1:${realPort}/`, 'auto')));
      app.personAnswers(false);
      const baitPort = portOf(servers.bait.url);
      const realConnections = servers.real.recorder.connections.length;
      const realRequests = servers.real.recorder.restRequests.length;

      for (const [endpoint, shownHost] of [
        [`http://localhost:${baitPort}`, `localhost:${baitPort}`],
        [`http://[::1]:${baitPort}`, `[::1]:${baitPort}`],
        [`http://127.0.0.2:${baitPort}/`, `127.0.0.2:${baitPort}`],
        [`ws://127.0.0.1:${baitPort}/v1`, `127.0.0.1:${baitPort}`],
        [`HTTP://LOCALHOST:${baitPort}/deepgram/`, `localhost:${baitPort}`],
        // The real server itself, under a host it was not saved with: another origin.
        [`http://localhost:${realPort}`, `localhost:${realPort}`],
      ] as const) {
        clock += 60_000;
        valueOf(await app.invoke('updateSettings', { endpoint }));
        const sentence = `The key was saved for 127.0.0.1:${realPort}. Save it again to use it with ${shownHost}.`;
        expect(refusalOf(await app.invoke('testKey')).message, endpoint).toBe(sentence);
        expect(refusalOf(await app.invoke('startSession')).message, endpoint).toBe(sentence);
        await app.sendAudio(3);
        const status = valueOf<KeyStatus>(await app.invoke('getKeyStatus'));
        expect(status.endpoint).toBe(`http://127.0.0.1:${realPort}`);
        const ownKey = await app.invoke(
          'saveKey',
          saveKeyAs(randomBytes(20).toString('hex'), endpoint, 'direct'),
        );
        expect(refusalOf(ownKey).code, endpoint).toBe('endpoint-not-confirmed');
      }
      expect(servers.bait.connections()).toBe(0);
      expect(servers.bait.received()).toBe('');
      expect(servers.real.recorder.connections.length).toBe(realConnections);
      expect(servers.real.recorder.restRequests.length).toBe(realRequests);

      // The saved origin, spelled differently (ws://, upper case, a trailing slash): it is the same server.
      for (const endpoint of [`ws://127.0.0.1:${realPort}`, `http://127.0.0.1:${realPort}/`]) {
        clock += 60_000;
        valueOf(await app.invoke('updateSettings', { endpoint }));
        valueOf(await app.invoke('testKey'));
        await runSession(app);
      }
      // Each check opens a probe stream and each session its own.
      expect(servers.real.recorder.connections.length).toBe(realConnections + 4);

      // A key the bait's server knows, re-entered by the person for one spelling of the servers.bait.
      const baitKey = servers.baitUpstream.createKey({ scopes: ['member'], comment: 'held-out bait' }).key;
      app.personAnswers(true);
      clock += 60_000;
      valueOf(await app.invoke('saveKey', saveKeyAs(baitKey, `http://[::1]:${baitPort}`, 'auto')));
      await runSession(app);
      expect(servers.bait.connections()).toBeGreaterThan(0);
      expect(credentialsIn(servers.bait.received(), [key])).not.toContain('a secret (raw)');
      expect(app.logText()).not.toContain(key);
      expect(app.logText()).not.toContain(baitKey);
    }, 60_000);
  },
);
