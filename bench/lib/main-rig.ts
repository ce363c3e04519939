/**
 * Main, as src/main/index.ts composes it, minus Electron: the real core (createEarshotCore)
 * behind the real IPC dispatcher with the real trusted-sender check, logging to a real log
 * file. Two things are replaced, and every benchmark that uses this rig says so:
 *  - the OS keychain, by an in-memory SecretStore (keytar is not what is being measured);
 *  - settings and key metadata, by in-memory stores (electron-store needs Electron).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEarshotCore, type EarshotCore } from '../../src/main/core/create-earshot-core';
import type { SecretStore } from '../../src/main/core/key-vault/index';
import type { KeyMetadataStore } from '../../src/main/core/key-vault/index';
import { createLogger, createSecretRegistry } from '../../src/main/core/logger';
import type { SessionTuning } from '../../src/main/core/session/index';
import type { AudioRateGuard } from '../../src/main/ipc/audio-rate-guard';
import {
  createIpcDispatcher,
  type IpcDispatcher,
  type IpcSenderIdentity,
} from '../../src/main/ipc/ipc-dispatcher';
import { packagedAppOrigin } from '../../src/main/ipc/origin';
import { createTrustedSenderCheck } from '../../src/main/ipc/trusted-sender';
import { openLogFile } from '../../src/main/log-file';
import {
  invokeContract,
  sendContract,
  type InvokeMethod,
  type ResultOf,
} from '../../src/shared/ipc-contract';
import type { SessionState } from '../../src/shared/session-state';
import type { TranscriptEvent } from '../../src/shared/transcript';
import type { IpcResult } from '../../src/shared/user-facing-error';

export const inMemorySecretStoreNote =
  'keychain replaced by an in-memory SecretStore (benchmark only); settings and key metadata in memory';

export function createInMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  const name = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    getPassword: async (service, account) => secrets.get(name(service, account)) ?? null,
    setPassword: async (service, account, password) => {
      secrets.set(name(service, account), password);
    },
    deletePassword: async (service, account) => secrets.delete(name(service, account)),
  };
}

function createInMemoryKeyMetadataStore(): KeyMetadataStore {
  let value: unknown;
  return {
    read: () => value,
    write: (next) => {
      value = structuredClone(next);
    },
    clear: () => {
      value = undefined;
    },
  };
}

function createInMemorySettingsBackend() {
  const values = new Map<string, unknown>();
  return {
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, structuredClone(value)),
    delete: (key: string) => void values.delete(key),
  };
}

/** Our window's main frame, as electron-ipc-main.ts reports it for the packaged app. */
export const trustedSender: IpcSenderIdentity = {
  webContentsId: 1,
  frameUrl: `${packagedAppOrigin}/index.html`,
  isMainFrame: true,
};

export interface MainRig {
  core: EarshotCore;
  dispatcher: IpcDispatcher;
  userDataDir: string;
  /** One audio frame through the dispatcher's send path, as ipcMain.on would deliver it. */
  sendAudio(frame: ArrayBuffer): void;
  /** An invoke through the dispatcher; throws with the user-facing message on refusal. */
  invoke<M extends InvokeMethod>(method: M, request?: unknown): Promise<ResultOf<M>>;
  dispose(): Promise<void>;
}

export async function createMainRig(options: {
  endpoint: string;
  key: string;
  sessionTuning?: Partial<SessionTuning>;
  /** Omitted: the dispatcher's default guard (2× real time, 5 s burst). */
  audioRateGuard?: AudioRateGuard;
  onTranscript?: (event: TranscriptEvent) => void;
  onSessionState?: (state: SessionState) => void;
}): Promise<MainRig> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'earshot-bench-userdata-'));
  const secrets = createSecretRegistry();
  const logFile = openLogFile(userDataDir);
  const log = createLogger({ write: logFile.write, secrets });
  const secretStore = createInMemorySecretStore();
  const core = await createEarshotCore({
    userDataDir,
    secretStoreLoader: async () => secretStore,
    settingsBackend: createInMemorySettingsBackend(),
    keyMetadataStore: createInMemoryKeyMetadataStore(),
    emit: (method, payload) => {
      if (method === 'onTranscript') options.onTranscript?.(payload as TranscriptEvent);
      else options.onSessionState?.(payload as SessionState);
    },
    log,
    secrets,
    // The bench plays the admin who chose its emulator's endpoint.
    confirmEndpoint: async () => true,
    sessionTuning: options.sessionTuning,
  });
  const dispatcher = createIpcDispatcher({
    invokeHandlers: core.invokeHandlers,
    sendHandlers: core.sendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => id === trustedSender.webContentsId,
      appOrigin: packagedAppOrigin,
    }),
    log,
    audioRateGuard: options.audioRateGuard,
  });
  const audioChannel = sendContract.sendAudio.channel;
  const invoke = async <M extends InvokeMethod>(method: M, request?: unknown): Promise<ResultOf<M>> => {
    const result = (await dispatcher.handleInvoke(
      invokeContract[method].channel,
      request,
      trustedSender,
    )) as IpcResult<ResultOf<M>>;
    if (!result.ok) throw new Error(`${method} refused: ${result.error.message}`);
    return result.value;
  };
  const rig: MainRig = {
    core,
    dispatcher,
    userDataDir,
    sendAudio: (frame) => dispatcher.handleSend(audioChannel, frame, trustedSender),
    invoke,
    async dispose() {
      await core.dispose();
      logFile.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  try {
    await invoke('saveKey', {
      key: options.key,
      persistence: 'keychain',
      endpoint: options.endpoint,
      streamingCredential: 'auto',
    });
  } catch (error) {
    await rig.dispose();
    throw error;
  }
  return rig;
}
