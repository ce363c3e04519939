/**
 * Main's whole core (createEarshotCore) in a process of its own, as Electron's main runs it:
 * files under one userData directory (settings through conf, the store electron-store is built
 * on), the key in the keychain its environment's D-Bus names, the window's messages through
 * the real dispatcher. A test can SIGKILL it and start another on the same directory.
 *
 * Input: one JSON argument (CoreChildPlan), then one JSON command a line on stdin.
 * Output: one JSON line each on stdout: 'ready', each command's reply, and every event main
 * sends the window. Closing stdin disposes the core and exits.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Conf from 'conf';
import { createEarshotCore } from '../../src/main/core/create-earshot-core';
import { createJsonFileKeyMetadataStore, loadKeytarSecretStore } from '../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry } from '../../src/main/core/logger';
import { openSettingsFile } from '../../src/main/core/settings';
import { createAudioRateGuard } from '../../src/main/ipc/audio-rate-guard';
import { createIpcDispatcher } from '../../src/main/ipc/ipc-dispatcher';
import { invokeContract, sendContract, type InvokeMethod } from '../../src/shared/ipc-contract';

export interface CoreChildPlan {
  userDataDir: string;
  keychainEntry: { service: string; account: string };
  /** Numbers only: the timing knobs of createEarshotCore's sessionTuning. */
  sessionTuning: {
    finishTimeoutMs?: number;
    stopTimeoutMs?: number;
    backoffBaseMs?: number;
    backoffCapMs?: number;
    replayRealTimeFactor?: number;
    connectTimeoutMs?: number;
  };
}

export type CoreChildCommand =
  | { id: number; op: 'invoke'; method: InvokeMethod; payload?: unknown }
  /** 16-bit mono 16 kHz PCM, sent as the window sends it: 20 ms frames at `speed` × real time. */
  | { id: number; op: 'pushAudio'; base64: string; speed: number }
  | { id: number; op: 'logLines' };

export type CoreChildLine =
  | { type: 'ready' }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'event'; method: string; payload: unknown };

const window = { webContentsId: 1, frameUrl: 'app://earshot/index.html', isMainFrame: true };
const frameBytes = 640;

const write = (line: CoreChildLine) => process.stdout.write(`${JSON.stringify(line)}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '') as CoreChildPlan;
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const settingsFile = openSettingsFile(Conf, { cwd: plan.userDataDir, configName: 'settings' }, { log });
  const core = await createEarshotCore({
    userDataDir: plan.userDataDir,
    secretStoreLoader: loadKeytarSecretStore,
    settingsBackend: {
      get: (key) => settingsFile.store.get(key),
      set: (key, value) => settingsFile.store.set(key, value),
      delete: (key) => settingsFile.store.delete(key),
    },
    keyMetadataStore: createJsonFileKeyMetadataStore(join(plan.userDataDir, 'key-metadata.json')),
    keychainEntry: plan.keychainEntry,
    emit: (method, payload) => write({ type: 'event', method, payload }),
    confirmEndpoint: async () => true,
    log,
    secrets,
    sessionTuning: plan.sessionTuning,
  });
  const dispatcher = createIpcDispatcher({
    invokeHandlers: core.invokeHandlers,
    sendHandlers: core.sendHandlers,
    isTrustedSender: () => true,
    log,
    // Tests send recorded audio faster than a microphone would; the guard is not the subject.
    audioRateGuard: createAudioRateGuard({ maxRealTimeFactor: 100, burstSeconds: 600 }),
  });

  async function pushAudio(base64: string, speed: number): Promise<void> {
    const audio = Buffer.from(base64, 'base64');
    const startedAt = Date.now();
    for (let at = 0, index = 0; at < audio.byteLength; at += frameBytes, index += 1) {
      const wait = startedAt + (index * 20) / speed - Date.now();
      if (wait > 4) await sleep(wait);
      const frame = new Uint8Array(frameBytes);
      frame.set(audio.subarray(at, Math.min(audio.byteLength, at + frameBytes)));
      dispatcher.handleSend(sendContract.sendAudio.channel, frame.buffer, window);
    }
  }

  async function run(command: CoreChildCommand): Promise<unknown> {
    if (command.op === 'invoke') {
      return dispatcher.handleInvoke(invokeContract[command.method].channel, command.payload, window);
    }
    if (command.op === 'pushAudio') return pushAudio(command.base64, command.speed);
    return log.lines;
  }

  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    const command = JSON.parse(line) as CoreChildCommand;
    run(command)
      .then((value) => write({ type: 'reply', id: command.id, value: value ?? null }))
      .catch(fail);
  });
  commands.on('close', () => {
    void core.dispose().then(() => process.exit(0));
  });
  write({ type: 'ready' });
}

function fail(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

main().catch(fail);
