/**
 * Main's core with dictation, in a Node process on an X display, as the app runs it except for
 * Electron: the real hotkey glue over uiohook-napi (the shortcut registry is a stand-in that
 * grants every chord, since globalShortcut needs Electron), the real X11 inserter with xclip,
 * the real core with the key in the private keychain, and the emulator. The window's part is
 * played here as the renderer plays it: on main's capture request, 20 ms frames of the given
 * audio at real time, kept until main's session takes audio, then sent in order; on 'stop' the
 * rest is sent and the session stopped as the Stop button does.
 *
 * Input: one JSON argument (DictationChildPlan), then JSON commands on stdin (invoke).
 * Output: JSON lines: ready, replies, events, notices, phases, capture timings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import Conf from 'conf';
import { createEarshotCore } from '../../../src/main/core/create-earshot-core';
import type { TextInserter } from '../../../src/main/core/dictation/dictation-ports';
import { createJsonFileKeyMetadataStore, loadKeytarSecretStore } from '../../../src/main/core/key-vault';
import { createInMemorySecretStore } from '../../../bench/lib/main-rig';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { openSettingsFile } from '../../../src/main/core/settings';
import { hookBlockedReason } from '../../../src/main/hotkey/hook-blocked';
import { createHotkeyGlue } from '../../../src/main/hotkey/hotkey-glue';
import { loadUiohook } from '../../../src/main/hotkey/key-hook';
import { createProcessRunner } from '../../../src/main/insertion/process-runner';
import { createX11Inserter } from '../../../src/main/insertion/x11-inserter';
import { createXclipClipboard } from '../../../src/main/insertion/xclip-clipboard';
import { createAudioRateGuard } from '../../../src/main/ipc/audio-rate-guard';
import { createIpcDispatcher } from '../../../src/main/ipc/ipc-dispatcher';
import type { CaptureAction } from '../../../src/shared/dictation-status';
import { invokeContract, sendContract, type InvokeMethod } from '../../../src/shared/ipc-contract';
import type { SessionState } from '../../../src/shared/session-state';
import {
  failedInsertionReason,
  type DictationChildLine,
  type DictationChildPlan,
} from './dictation-child-protocol';

const window = { webContentsId: 1, frameUrl: 'app://earshot/index.html', isMainFrame: true };
const frameBytes = 640;
const now = () => performance.timeOrigin + performance.now();
const write = (line: DictationChildLine) => process.stdout.write(`${JSON.stringify(line)}\n`);
const takingAudio = new Set<SessionState['phase']>(['connecting', 'live', 'paused', 'reconnecting']);

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '') as DictationChildPlan;
  const audio = readFileSync(plan.audioFile);
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const settingsFile = openSettingsFile(Conf, { cwd: plan.userDataDir, configName: 'settings' }, { log });
  const runner = createProcessRunner(process.env);
  const memoryStore = createInMemorySecretStore();
  const inserter: TextInserter =
    plan.insertion === 'fail'
      ? { insert: async () => ({ inserted: false, reason: failedInsertionReason }) }
      : createX11Inserter({
          runner,
          clipboard: (selection) => createXclipClipboard(runner, selection),
          sleep: (ms) => sleep(ms),
        });
  const hotkeys = createHotkeyGlue({
    platform: 'linux',
    // globalShortcut needs Electron: this stand-in grants every chord (no conflict detection here).
    registry: { register: () => true, unregister: () => undefined },
    hookBlocked: () => hookBlockedReason('linux', process.env, () => true),
    loadHook: loadUiohook,
    log,
  });

  // ── The window's part ──
  let capturing = false;
  let sessionTakesAudio = false;
  let pending: Uint8Array[] = [];
  let framesSent = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const send = (frame: Uint8Array) => {
    dispatcher.handleSend(sendContract.sendAudio.channel, frame.buffer, window);
    framesSent += 1;
  };
  const flush = () => {
    for (const frame of pending) send(frame);
    pending = [];
  };
  function startCapture(): void {
    capturing = true;
    sessionTakesAudio = false;
    pending = [];
    framesSent = 0;
    const startedAt = performance.now();
    let index = 0;
    write({ type: 'capture', action: 'start', at: now(), framesSent });
    timer = setInterval(() => {
      // Every 20 ms of wall time since the press is one frame, as a microphone delivers them.
      const due = Math.floor((performance.now() - startedAt) / 20);
      for (; index < due; index += 1) {
        const frame = new Uint8Array(frameBytes);
        const at = index * frameBytes;
        if (at < audio.byteLength) frame.set(audio.subarray(at, Math.min(audio.byteLength, at + frameBytes)));
        if (sessionTakesAudio) send(frame);
        else pending.push(frame);
      }
    }, 10);
  }
  function endCapture(action: CaptureAction): void {
    if (!capturing) return;
    capturing = false;
    if (timer) clearInterval(timer);
    timer = null;
    if (action === 'stop' && sessionTakesAudio) flush();
    pending = [];
    write({ type: 'capture', action, at: now(), framesSent });
    void dispatcher.handleInvoke(invokeContract.stopSession.channel, undefined, window);
  }
  function windowHears(method: string, payload: unknown): void {
    if (method === 'onCaptureRequest') {
      const { action } = payload as { action: CaptureAction };
      // After the current event: a renderer answers in a task of its own.
      setImmediate(() => (action === 'start' ? startCapture() : endCapture(action)));
    } else if (method === 'onSessionState' && capturing && takingAudio.has((payload as SessionState).phase)) {
      if (!sessionTakesAudio) {
        sessionTakesAudio = true;
        setImmediate(flush);
      }
    }
  }

  const core = await createEarshotCore({
    userDataDir: plan.userDataDir,
    secretStoreLoader: plan.secretStore === 'memory' ? async () => memoryStore : loadKeytarSecretStore,
    settingsBackend: {
      get: (key) => settingsFile.store.get(key),
      set: (key, value) => settingsFile.store.set(key, value),
      delete: (key) => settingsFile.store.delete(key),
    },
    keyMetadataStore: createJsonFileKeyMetadataStore(join(plan.userDataDir, 'key-metadata.json')),
    keychainEntry: plan.keychainEntry,
    emit: (method, payload) => {
      write({ type: 'event', method, payload, at: now() });
      windowHears(method, payload);
    },
    confirmEndpoint: async () => true,
    log,
    secrets,
    dictation: {
      inserter,
      copyToClipboard: (text) => createXclipClipboard(runner, 'clipboard').writeText(text),
      notify: (notice) => write({ type: 'notice', ...notice }),
      windowOpen: () => true,
      onPhase: (phase) => write({ type: 'phase', phase, at: now() }),
      ...hotkeys,
    },
  });
  const dispatcher = createIpcDispatcher({
    invokeHandlers: core.invokeHandlers,
    sendHandlers: core.sendHandlers,
    isTrustedSender: () => true,
    log,
    audioRateGuard: createAudioRateGuard({ maxRealTimeFactor: 100, burstSeconds: 600 }),
  });

  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    const command = JSON.parse(line) as { id: number; method: InvokeMethod; payload?: unknown };
    dispatcher
      .handleInvoke(invokeContract[command.method].channel, command.payload, window)
      .then((value) => write({ type: 'reply', id: command.id, value: value ?? null }))
      .catch(fail);
  });
  commands.on('close', () => {
    hotkeys.dispose();
    void core.dispose().then(() => process.exit(0));
  });
  write({ type: 'ready' });
}

function fail(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

main().catch(fail);
