/**
 * Builds the real preload with the project's electron-vite settings and runs the bundle the
 * way Electron runs a sandboxed preload: a CommonJS function given a `require` that only
 * knows 'electron'. Recording fakes stand in for contextBridge and ipcRenderer (the Electron
 * binary is not available here), so the test sees exactly what the page would be given.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bridgeGlobalName,
  eventContract,
  invokeContract,
  sendContract,
} from '../../../src/shared/ipc-contract';

const projectRoot = resolve(import.meta.dirname, '../../..');

type Listener = (...args: unknown[]) => void;

function createFakeElectron() {
  const exposed: Array<{ name: string; api: Record<string, unknown> }> = [];
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<Listener>>();
  let nextInvokeAnswer: () => Promise<unknown> = () => Promise.resolve({ ok: true, value: 'answer' });
  const electron = {
    contextBridge: {
      exposeInMainWorld(name: string, api: Record<string, unknown>) {
        exposed.push({ name, api });
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        invoked.push({ channel, args });
        return nextInvokeAnswer();
      },
      send(channel: string, ...args: unknown[]) {
        sent.push({ channel, args });
      },
      on(channel: string, listener: Listener) {
        const set = listeners.get(channel) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener(channel: string, listener: Listener) {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
  return {
    electron,
    exposed,
    invoked,
    sent,
    listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
    /** Delivers a message as Electron does: the IpcRendererEvent first, then the payload. */
    emit(channel: string, payload: unknown) {
      const fakeEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
      for (const listener of listeners.get(channel) ?? []) listener(fakeEvent, payload);
    },
    answerInvokesWith(answer: () => Promise<unknown>) {
      nextInvokeAnswer = answer;
    },
  };
}

let outDir: string;
let bundle: string;

function loadPreload() {
  const fake = createFakeElectron();
  const required: string[] = [];
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return fake.electron;
    throw new Error(`A sandboxed preload cannot require '${name}'.`);
  };
  const module = { exports: {} };
  const wrapper = runInNewContext(
    `(function (exports, require, module) {\n${bundle}\n})`,
    {},
    { filename: 'index.cjs' },
  ) as (exports: unknown, require: (name: string) => unknown, module: unknown) => void;
  wrapper(module.exports, fakeRequire, module);
  return { ...fake, required };
}

function exposedApi(fake: ReturnType<typeof loadPreload>): Record<string, (...args: unknown[]) => unknown> {
  const entry = fake.exposed[0];
  if (!entry) throw new Error('The preload exposed nothing.');
  return entry.api as Record<string, (...args: unknown[]) => unknown>;
}

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'earshot-preload-'));
  const build = spawnSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '-c',
      'test/integration/ipc/preload-build.config.ts',
    ],
    { cwd: projectRoot, env: { ...process.env, EARSHOT_PRELOAD_OUT_DIR: outDir }, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`preload build failed:\n${build.stdout}\n${build.stderr}`);
  bundle = readFileSync(join(outDir, 'index.cjs'), 'utf8');
}, 60_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the built preload bundle', () => {
  it('is CommonJS whose only require is electron', () => {
    expect(bundle).not.toMatch(/^\s*import\s/m);
    expect(bundle).not.toMatch(/\bimport\(/);
    const requires = [...bundle.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((match) => match[2]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    const fake = loadPreload();
    expect(new Set(fake.required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly one object, named by the contract, with exactly the contract methods', () => {
    const fake = loadPreload();
    expect(fake.exposed).toHaveLength(1);
    expect(fake.exposed[0]?.name).toBe(bridgeGlobalName);
    const expected = [
      ...Object.keys(invokeContract),
      ...Object.keys(sendContract),
      ...Object.keys(eventContract),
    ].sort();
    const api = exposedApi(fake);
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const name of expected) expect(typeof api[name]).toBe('function');
    for (const generic of ['invoke', 'send', 'on', 'once', 'off', 'removeListener', 'ipcRenderer']) {
      expect(api).not.toHaveProperty(generic);
    }
  });

  it('routes every invoke method to its own channel and returns main’s answer', async () => {
    const fake = loadPreload();
    const api = exposedApi(fake);
    for (const [method, entry] of Object.entries(invokeContract)) {
      fake.answerInvokesWith(() => Promise.resolve({ ok: true, value: `answer for ${method}` }));
      const request =
        method === 'saveKey'
          ? {
              key: 'k'.repeat(40),
              persistence: 'keychain',
              endpoint: 'https://api.deepgram.com',
              streamingCredential: 'auto',
            }
          : undefined;
      await expect(api[method]?.(request)).resolves.toEqual({ ok: true, value: `answer for ${method}` });
      expect(fake.invoked.at(-1)).toEqual({ channel: entry.channel, args: [request] });
    }
    expect(fake.invoked).toHaveLength(Object.keys(invokeContract).length);
  });

  it('turns a failed invoke into a plain internal error instead of a rejection', async () => {
    const fake = loadPreload();
    fake.answerInvokesWith(() => Promise.reject(new Error('No handler registered for earshot:key:status')));
    const result = await exposedApi(fake)['getKeyStatus']?.();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('No handler registered');
  });

  it('sends audio frames and capture problems on their channels', () => {
    const fake = loadPreload();
    const api = exposedApi(fake);
    const frame = new ArrayBuffer(640);
    api['sendAudio']?.(frame);
    api['reportCaptureProblem']?.({ problem: 'device-lost' });
    expect(fake.sent).toEqual([
      { channel: sendContract.sendAudio.channel, args: [frame] },
      { channel: sendContract.reportCaptureProblem.channel, args: [{ problem: 'device-lost' }] },
    ]);
  });

  it('gives listeners the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    const fake = loadPreload();
    const api = exposedApi(fake);
    for (const [method, entry] of Object.entries(eventContract)) {
      const calls: unknown[][] = [];
      const unsubscribe = api[method]?.((...args: unknown[]) => calls.push(args));
      expect(typeof unsubscribe).toBe('function');
      expect(fake.listenerCount(entry.channel)).toBe(1);

      fake.emit(entry.channel, { kind: 'payload', method });
      expect(calls).toEqual([[{ kind: 'payload', method }]]);

      (unsubscribe as () => void)();
      expect(fake.listenerCount(entry.channel)).toBe(0);
      fake.emit(entry.channel, { kind: 'after unsubscribe' });
      expect(calls).toHaveLength(1);
    }
  });

  it('refuses a listener that is not a function', () => {
    const api = exposedApi(loadPreload());
    expect(() => api['onTranscript']?.('not a function')).toThrow(/onTranscript needs a function/);
  });
});
