/**
 * The main process, as src/main/index.ts composes it, minus Electron: the real core
 * (createEarshotCore: keychain vault over keytar, settings, session, transcript store) and
 * the real IPC dispatcher, wired to the emulated ipcMain exactly as electron-ipc-main.ts
 * wires them to Electron's. Settings live in a JSON file in a throwaway userData directory
 * (the app uses electron-store there, which needs Electron).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEarshotCore } from '../../../src/main/core/create-earshot-core';
import type { EndpointConfirmationRequest } from '../../../src/main/core/endpoint-approval';
import type { EventSink } from '../../../src/main/core/handler-types';
import { createJsonFileKeyMetadataStore } from '../../../src/main/core/key-vault';
import { loadKeytarSecretStore } from '../../../src/main/core/key-vault/secret-store';
import { createLogger, createSecretRegistry, type SecretRegistry } from '../../../src/main/core/logger';
import { createIpcDispatcher, type IpcSenderIdentity } from '../../../src/main/ipc/ipc-dispatcher';
import { createTrustedSenderCheck } from '../../../src/main/ipc/trusted-sender';
import { openLogFile } from '../../../src/main/log-file';
import { eventContract } from '../../../src/shared/ipc-contract';
import type { EmulatedIpcMain, EmulatedIpcMainEvent, EmulatedWebContents } from './electron-main-emulation';

type Core = Awaited<ReturnType<typeof createEarshotCore>>;

export interface EmulatedMain {
  core: Core;
  /** Every line main logged (already redacted by main's own logger). */
  logLines: string[];
  /** The log directory main writes, as the app does (userData/logs): its bytes are the evidence. */
  logDirectory: string;
  /**
   * The native "use a new endpoint?" dialog, played by the test as the person at the
   * computer: every question main asked, and the answer the next ones get (default: use it,
   * as a person who typed the endpoint would).
   */
  endpointQuestions: EndpointConfirmationRequest[];
  answerEndpointQuestions(use: boolean): void;
  secrets: SecretRegistry;
  dispose(): Promise<void>;
}

function jsonFileSettingsBackend(path: string) {
  const read = (): Record<string, unknown> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const write = (values: Record<string, unknown>) => writeFileSync(path, JSON.stringify(values, null, 2));
  return {
    get: (key: string) => read()[key],
    set: (key: string, value: unknown) => write({ ...read(), [key]: value }),
    delete: (key: string) => {
      const values = read();
      delete values[key];
      write(values);
    },
  };
}

/** The same reading of an IPC event as src/main/ipc/electron-ipc-main.ts. */
function senderIdentity(event: EmulatedIpcMainEvent): IpcSenderIdentity {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

export async function startEmulatedMain(options: {
  userDataDir: string;
  ipcMain: EmulatedIpcMain;
  window: () => EmulatedWebContents | null;
  appOrigin: string;
  /** Also hands each logged line here (main-process-child.ts sends them to the test process). */
  onLogLine?: (line: string) => void;
}): Promise<EmulatedMain> {
  mkdirSync(options.userDataDir, { recursive: true });
  const logLines: string[] = [];
  const secrets = createSecretRegistry();
  const logFile = openLogFile(options.userDataDir);
  const write = (line: string): void => {
    logLines.push(line);
    logFile.write(line);
    options.onLogLine?.(line);
  };
  const log = createLogger({ write, secrets, minimumLevel: 'debug' });

  const emit: EventSink = (method, payload) => {
    const webContents = options.window();
    if (!webContents || webContents.isDestroyed()) return;
    webContents.send(eventContract[method].channel, payload);
  };
  const endpointQuestions: EndpointConfirmationRequest[] = [];
  let useNewEndpoints = true;
  const core = await createEarshotCore({
    userDataDir: options.userDataDir,
    secretStoreLoader: loadKeytarSecretStore,
    settingsBackend: jsonFileSettingsBackend(join(options.userDataDir, 'settings.json')),
    keyMetadataStore: createJsonFileKeyMetadataStore(join(options.userDataDir, 'key-metadata.json')),
    emit,
    confirmEndpoint: async (request) => {
      endpointQuestions.push(request);
      return useNewEndpoints;
    },
    log,
    secrets,
  });
  const dispatcher = createIpcDispatcher({
    invokeHandlers: core.invokeHandlers,
    sendHandlers: core.sendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: (id) => options.window()?.id === id,
      appOrigin: options.appOrigin,
    }),
    log,
  });
  for (const channel of dispatcher.invokeChannels) {
    options.ipcMain.handle(channel, (event, payload) =>
      dispatcher.handleInvoke(channel, payload, senderIdentity(event)),
    );
  }
  for (const channel of dispatcher.sendChannels) {
    options.ipcMain.on(channel, (event, payload) =>
      dispatcher.handleSend(channel, payload, senderIdentity(event)),
    );
  }
  return {
    core,
    logLines,
    logDirectory: join(options.userDataDir, 'logs'),
    endpointQuestions,
    answerEndpointQuestions: (use) => {
      useNewEndpoints = use;
    },
    secrets,
    dispose: async () => {
      await core.dispose();
      logFile.close();
    },
  };
}
