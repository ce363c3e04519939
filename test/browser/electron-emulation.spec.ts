/**
 * The harness's own guarantees: if these fail, the app specs prove nothing. A tiny preload
 * and page exercise each Electron behaviour the emulation claims (ELECTRON-EMULATION.md).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './harness/chromium';
import {
  attachElectronEmulation,
  EmulatedIpcMain,
  type AttachedWindow,
} from './harness/electron-main-emulation';
import { serveRenderer, type RendererServer } from './harness/renderer-server';
import { browserSuitePlatformOk, browserSuiteSkipReason } from './harness/platform';
import { loadSandboxedPreload, sandboxViolations } from './harness/sandboxed-preload';

const probePreload = `"use strict";
const { contextBridge, ipcRenderer } = require("electron");
const { EventEmitter } = require("node:events");
contextBridge.exposeInMainWorld("probe", {
  version: 1,
  nested: { list: [1, 2] },
  hasEventEmitter: typeof EventEmitter === "function",
  echo: (value) => ipcRenderer.invoke("probe:echo", value),
  fail: () => ipcRenderer.invoke("probe:fail"),
  push: (value) => ipcRenderer.send("probe:push", value),
  subscribe(callback) {
    const listener = (event, payload) =>
      callback({ eventKeys: Object.keys(event), senderIsIpcRenderer: event.sender === ipcRenderer, payload });
    ipcRenderer.on("probe:event", listener);
    return () => ipcRenderer.removeListener("probe:event", listener);
  },
  keep(callback) { globalThis.__kept = callback; },
  callKept(value) { return globalThis.__kept(value); },
});
`;

let server: RendererServer;
let pageDir: string;
let browser: Browser;

test.skip(!browserSuitePlatformOk, browserSuiteSkipReason);

test.beforeAll(async () => {
  pageDir = mkdtempSync(join(tmpdir(), 'earshot-emulation-page-'));
  writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>probe</title><p>probe page</p>');
  server = await serveRenderer(pageDir);
  browser = await launchChromium();
});

test.afterAll(async () => {
  // Hooks do not run for a skipped file; this keeps it so should that ever change.
  if (!browserSuitePlatformOk) return;
  await browser.close();
  await server.close();
  rmSync(pageDir, { recursive: true, force: true });
});

async function open(
  preloadSource: string,
  ipcMain = new EmulatedIpcMain(),
): Promise<{ page: Page; window: AttachedWindow }> {
  const page = await browser.newPage();
  const window = await attachElectronEmulation(page, { ipcMain, preloadSource });
  await page.goto(server.indexUrl);
  return { page, window };
}

test.describe('sandboxed preload rules', () => {
  test('refuses an ES module preload and any require beyond the sandbox', () => {
    expect(sandboxViolations(probePreload)).toEqual([]);
    expect(sandboxViolations('import { contextBridge } from "electron";')[0]).toContain('CommonJS');
    expect(sandboxViolations('const fs = require("fs");')).toEqual([
      'it requires "fs", which a sandboxed preload cannot load',
    ]);
    expect(sandboxViolations('const m = require(name);')[0]).toContain('computed name');
  });

  test("Earshot's built preload passes: one CommonJS file whose only require is electron", () => {
    const source = loadSandboxedPreload();
    expect(sandboxViolations(source)).toEqual([]);
    expect([...source.matchAll(/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1])).toEqual([
      'electron',
    ]);
  });

  test('a require the static check cannot see fails at run time as in Electron', async () => {
    const { page, window } = await open('const load = require; load("fs");');
    await expect.poll(() => window.preloadErrors).toEqual(['module not found: fs']);
    expect(await page.evaluate(() => 'probe' in globalThis)).toBe(false);
    await page.close();
  });
});

test.describe('contextBridge and ipcRenderer', () => {
  test('the exposed object is a frozen copy whose functions are proxies', async () => {
    const { page } = await open(probePreload);
    const facts = await page.evaluate(() => {
      const probe = (globalThis as Record<string, unknown>).probe as Record<string, unknown>;
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'probe');
      (globalThis as Record<string, unknown>).probe = 'replaced';
      return {
        frozen: Object.isFrozen(probe),
        nestedFrozen: Object.isFrozen(probe.nested),
        writable: descriptor?.writable,
        configurable: descriptor?.configurable,
        stillProbe: (globalThis as Record<string, unknown>).probe === probe,
        hasEventEmitter: probe.hasEventEmitter,
      };
    });
    expect(facts).toEqual({
      frozen: true,
      nestedFrozen: true,
      writable: false,
      configurable: false,
      stillProbe: true,
      hasEventEmitter: true,
    });
    await page.close();
  });

  test('invoke carries an ArrayBuffer to main as a real ArrayBuffer and back, with the sender', async () => {
    const ipcMain = new EmulatedIpcMain();
    const seen: { isArrayBuffer: boolean; bytes: number[]; url: string | undefined; mainFrame: boolean }[] =
      [];
    ipcMain.handle('probe:echo', (event, value) => {
      const frame = value as ArrayBuffer;
      seen.push({
        isArrayBuffer: frame instanceof ArrayBuffer,
        bytes: [...new Uint8Array(frame)],
        url: event.senderFrame?.url,
        mainFrame: event.senderFrame === event.sender.mainFrame,
      });
      return { echoed: frame, at: new Date(0) };
    });
    const { page, window } = await open(probePreload, ipcMain);
    const reply = await page.evaluate(async () => {
      const probe = (globalThis as Record<string, unknown>).probe as {
        echo(v: unknown): Promise<{ echoed: ArrayBuffer; at: Date }>;
      };
      const result = await probe.echo(new Uint8Array([1, 2, 250, 255]).buffer);
      return {
        isArrayBuffer: result.echoed instanceof ArrayBuffer,
        bytes: [...new Uint8Array(result.echoed)],
        date: result.at instanceof Date,
      };
    });
    expect(reply).toEqual({ isArrayBuffer: true, bytes: [1, 2, 250, 255], date: true });
    expect(seen).toEqual([
      { isArrayBuffer: true, bytes: [1, 2, 250, 255], url: server.indexUrl, mainFrame: true },
    ]);
    expect(window.records.map((record) => [record.direction, record.kind, record.channel])).toEqual([
      ['renderer-to-main', 'invoke', 'probe:echo'],
      ['main-to-renderer', 'reply', 'probe:echo'],
    ]);
    await page.close();
  });

  test('an uncloneable argument throws, and a handler error rejects like Electron', async () => {
    const ipcMain = new EmulatedIpcMain();
    ipcMain.handle('probe:fail', () => {
      throw new Error('handler broke');
    });
    const { page } = await open(probePreload, ipcMain);
    const errors = await page.evaluate(async () => {
      const probe = (globalThis as Record<string, unknown>).probe as {
        echo(v: unknown): Promise<unknown>;
        fail(): Promise<unknown>;
      };
      const messages: string[] = [];
      await probe.echo({ callback: () => 1 }).catch((error: Error) => messages.push(error.message));
      await probe.fail().catch((error: Error) => messages.push(error.message));
      return messages;
    });
    expect(errors).toEqual([
      'An object could not be cloned.',
      "Error invoking remote method 'probe:fail': Error: handler broke",
    ]);
    await page.close();
  });

  test('send reaches ipcMain.on; webContents.send reaches listeners with the event object first', async () => {
    const ipcMain = new EmulatedIpcMain();
    const pushed: unknown[] = [];
    ipcMain.on('probe:push', (_event, value) => pushed.push(value));
    const { page, window } = await open(probePreload, ipcMain);
    await page.evaluate(() => {
      const probe = (globalThis as Record<string, unknown>).probe as {
        push(v: unknown): void;
        subscribe(cb: (v: unknown) => void): () => void;
      };
      const received: unknown[] = [];
      (globalThis as Record<string, unknown>).received = received;
      probe.subscribe((value) => received.push(value));
      probe.push({ n: 7 });
    });
    await expect.poll(() => pushed).toEqual([{ n: 7 }]);
    window.webContents.send('probe:event', { text: 'hello' });
    await window.flush();
    expect(await page.evaluate(() => (globalThis as Record<string, unknown>).received)).toEqual([
      { eventKeys: ['sender', 'ports'], senderIsIpcRenderer: true, payload: { text: 'hello' } },
    ]);
    await page.close();
  });

  test('page code that finds the raw binding cannot use it', async () => {
    const ipcMain = new EmulatedIpcMain();
    let calls = 0;
    ipcMain.handle('probe:echo', () => (calls += 1));
    const { page, window } = await open(probePreload, ipcMain);
    const answer = await page.evaluate(async () => {
      const controller = (globalThis as Record<string, unknown>).__playwright__binding__controller__ as {
        _bindings: Map<string, unknown>;
        callBinding(name: string, ...args: unknown[]): Promise<unknown>;
      };
      const name = [...controller._bindings.keys()].find((key) => key.startsWith('__electronIpc_'));
      const forged = JSON.stringify({ nonce: 'guess', kind: 'invoke', channel: 'probe:echo', args: [] });
      return {
        visible: name !== undefined && name in globalThis,
        answer: await controller.callBinding(name ?? '', forged),
      };
    });
    expect(answer).toEqual({ visible: false, answer: null });
    expect(calls).toBe(0);
    expect(window.records.map((record) => record.kind)).toEqual(['forged']);
    await page.close();
  });
});
