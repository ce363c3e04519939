/**
 * The window's "the network is back" news, from a window that repeats it as fast as it can,
 * through the real dispatcher and core: main takes it as "try now" and nothing more. While
 * connected it opens nothing; during an outage it cuts a few backoff waits short, then the
 * backoff is in charge again. The key lives in an in-memory secret store (the keychain is
 * not the subject here); the backoff's timers are held, so every attempt seen was the news's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import { createEarshotCore, type EarshotCore } from '../../../src/main/core/create-earshot-core';
import { createJsonFileKeyMetadataStore, type SecretStore } from '../../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { requestBudgets } from '../../../src/main/core/request-budget';
import { createIpcDispatcher, type IpcDispatcher } from '../../../src/main/ipc/ipc-dispatcher';
import { invokeContract, sendContract, type InvokeMethod } from '../../../src/shared/ipc-contract';
import type { IpcResult } from '../../../src/shared/user-facing-error';
import { heldTimers, type HeldTimers } from '../../support/held-timers';
import { sleep, waitUntil } from '../../support/session-test-kit';

const window = { webContentsId: 1, frameUrl: 'app://earshot/index.html', isMainFrame: true };

function memorySecretStore(): SecretStore {
  const entries = new Map<string, string>();
  return {
    getPassword: async (service, account) => entries.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => {
      entries.set(`${service}/${account}`, password);
    },
    deletePassword: async (service, account) => entries.delete(`${service}/${account}`),
  };
}

describe('a window repeating "the network is back"', () => {
  let emulator: DeepgramEmulator;
  let core: EarshotCore;
  let dispatcher: IpcDispatcher;
  let clock: HeldTimers;
  let userDataDir: string;
  let now = 0;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
  });
  afterAll(() => emulator.close());
  afterEach(async () => {
    await core.dispose();
    await rm(userDataDir, { recursive: true, force: true });
    emulator.faults.reset();
    emulator.recorder.clear();
  });

  /** Held backoff waits (30 s here); History's daily retention timer is held too and is not one. */
  const backoffs = () => clock.pending().filter((ms) => ms <= 60_000).length;

  async function openMain(): Promise<void> {
    userDataDir = await mkdtemp(join(tmpdir(), 'earshot-network-news-'));
    clock = heldTimers(10_000);
    now = Date.now();
    const secrets = createSecretRegistry();
    const log = createMemoryLogger(secrets);
    const secretStore = memorySecretStore();
    const values = new Map<string, unknown>();
    core = await createEarshotCore({
      userDataDir,
      secretStoreLoader: async () => secretStore,
      settingsBackend: {
        get: (key) => values.get(key),
        set: (key, value) => values.set(key, value),
        delete: (key) => values.delete(key),
      },
      keyMetadataStore: createJsonFileKeyMetadataStore(join(userDataDir, 'key-metadata.json')),
      emit: () => undefined,
      confirmEndpoint: async () => true,
      log,
      secrets,
      // The budget's clock is the test's: it stands still unless the test moves it.
      now: () => now,
      sessionTuning: {
        backoffBaseMs: 30_000,
        backoffCapMs: 30_000,
        random: () => 0.99,
        stopTimeoutMs: 2000,
        timers: clock.timers,
      },
    });
    dispatcher = createIpcDispatcher({
      invokeHandlers: core.invokeHandlers,
      sendHandlers: core.sendHandlers,
      isTrustedSender: () => true,
      log,
    });
    const saved = await invoke('saveKey', {
      key: emulator.demoKey,
      persistence: 'keychain',
      endpoint: emulator.url,
      streamingCredential: 'auto',
    });
    expect(saved.ok).toBe(true);
    emulator.recorder.clear();
  }

  function invoke(method: InvokeMethod, payload?: unknown): Promise<IpcResult<unknown>> {
    return dispatcher.handleInvoke(invokeContract[method].channel, payload, window);
  }
  const networkOnline = () =>
    dispatcher.handleSend(sendContract.reportNetworkOnline.channel, undefined, window);
  const attempts = () => emulator.recorder.connections.length;
  const phase = async () => {
    const state = await invoke('getSessionState');
    return state.ok ? (state.value as { phase: string }).phase : 'refused';
  };

  it('opens no connection while the session is connected', async () => {
    await openMain();
    expect((await invoke('startSession')).ok).toBe(true);
    for (let news = 0; news < 500; news += 1) networkOnline();
    await sleep(300);
    expect(attempts()).toBe(1);
    expect(await phase()).toBe('live');
  });

  it('during an outage, cuts at most the budget of backoff waits short, then the backoff paces', async () => {
    await openMain();
    expect((await invoke('startSession')).ok).toBe(true);
    emulator.faults.refuseHandshakes(1000, 503);
    emulator.faults.dropConnections();
    await waitUntil(() => backoffs() === 1, 5000, 'the first backoff');

    // Every failed attempt waits 30 s for the next; the window says "online" every 20 ms.
    for (let news = 0; news < 100; news += 1) {
      networkOnline();
      await sleep(20);
    }
    const { capacity, refillEveryMs } = requestBudgets.networkNews;
    expect(attempts()).toBe(1 + capacity);
    expect(await phase()).toBe('reconnecting');
    expect(clock.ran()).toBe(0);

    // News that comes back with the budget, later, is heard again (news matters only while a
    // reconnection waits out its backoff, so each waits for the refused attempt's backoff first).
    now += refillEveryMs;
    await waitUntil(() => backoffs() === 1, 3000, 'the backoff after the refusals');
    networkOnline();
    await waitUntil(() => attempts() === 2 + capacity, 3000, 'one more attempt');
    emulator.faults.reset();
    now += refillEveryMs;
    await waitUntil(() => backoffs() === 1, 3000, 'the backoff after one more refusal');
    networkOnline();
    await waitUntil(() => attempts() === 3 + capacity, 3000, 'the successful attempt');
    // The emulator records the handshake before main has finished opening: wait for main.
    const deadline = Date.now() + 3000;
    while ((await phase()) !== 'live' && Date.now() < deadline) await sleep(20);
    expect(await phase()).toBe('live');
    expect(backoffs()).toBe(0);
  });
});
