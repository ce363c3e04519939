/**
 * The main process, as src/main/index.ts composes it, minus Electron: the real core
 * (keychain vault over keytar, settings, session, transcript store) and the real IPC
 * dispatcher, wired to the emulated ipcMain by the app's own wireEarshotMain. Settings live
 * in a JSON file in a throwaway userData directory (the app uses electron-store there, which
 * needs Electron); the native endpoint question is answered by the test, as the person would.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EarshotCore } from '../../../src/main/core/create-earshot-core';
import type { EndpointConfirmationRequest } from '../../../src/main/core/endpoint-approval';
import { createJsonFileKeyMetadataStore } from '../../../src/main/core/key-vault';
import { loadKeytarSecretStore } from '../../../src/main/core/key-vault/secret-store';
import { createLogger, createSecretRegistry, type SecretRegistry } from '../../../src/main/core/logger';
import { wireEarshotMain } from '../../../src/main/ipc/ipc-wiring';
import { openLogFile } from '../../../src/main/log-file';
import { followSystemAudioSource, pactlRunner } from '../../../src/main/system-audio-glue';
import type { EmulatedIpcMain, EmulatedWebContents } from './electron-main-emulation';
import { emulateExportDialog, type ExportDialogEmulation } from './export-dialog-emulation';
import { emulateDictation, type DictationEmulation } from './dictation-emulation';

export interface EmulatedMain {
  core: EarshotCore;
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
  /** The native save dialog of exports, answered by the test (by default: a file in a temporary folder). */
  exportDialog: ExportDialogEmulation;
  /** What dictation inserted and the notices it gave (press with core.dictation). */
  dictation: DictationEmulation;
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

export async function startEmulatedMain(options: {
  userDataDir: string;
  ipcMain: EmulatedIpcMain;
  window: () => EmulatedWebContents | null;
  appOrigin: string;
  /** Also hands each logged line here (main-process-child.ts sends them to the test process). */
  onLogLine?: (line: string) => void;
  /** Main's Linux system-audio glue, run against this private PulseAudio server (as src/main/index.ts runs it). */
  pulseAudioEnv?: Record<string, string>;
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

  const endpointQuestions: EndpointConfirmationRequest[] = [];
  let useNewEndpoints = true;
  const exportDialog = emulateExportDialog();
  const dictation = emulateDictation(() => options.window() !== null);
  // The app's own wiring (src/main/index.ts calls the same function with Electron's ipcMain).
  const { core } = await wireEarshotMain({
    core: {
      userDataDir: options.userDataDir,
      secretStoreLoader: loadKeytarSecretStore,
      settingsBackend: jsonFileSettingsBackend(join(options.userDataDir, 'settings.json')),
      keyMetadataStore: createJsonFileKeyMetadataStore(join(options.userDataDir, 'key-metadata.json')),
      confirmEndpoint: async (request) => {
        endpointQuestions.push(request);
        return useNewEndpoints;
      },
      exportGlue: { chooseExportPath: exportDialog.chooseExportPath },
      dictation: dictation.glue,
      log,
      secrets,
    },
    ipcMain: options.ipcMain,
    window: options.window,
    isTrustedWebContents: (id) => options.window()?.id === id,
    appOrigin: options.appOrigin,
  });
  const pulseEnv = options.pulseAudioEnv;
  const systemAudioSource = pulseEnv
    ? followSystemAudioSource(core, log, {
        platform: 'linux',
        pactl: pactlRunner({ ...process.env, ...pulseEnv }),
      })
    : null;
  return {
    core,
    logLines,
    logDirectory: join(options.userDataDir, 'logs'),
    endpointQuestions,
    answerEndpointQuestions: (use) => {
      useNewEndpoints = use;
    },
    secrets,
    exportDialog,
    dictation,
    dispose: async () => {
      await core.dispose();
      await systemAudioSource?.dispose();
      logFile.close();
      exportDialog.dispose();
    },
  };
}
