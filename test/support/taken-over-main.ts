/**
 * Main's real core and dispatcher with the real keychain (a private entry) and real files, driven
 * only through contract messages from our own (trusted) window, as a taken-over window would
 * drive it. The native endpoint question is answered by the test, as the person at the computer.
 * Used by the issue-8 attack tests (test/integration/ipc/taken-over-window*.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEarshotCore, type EarshotCore } from '../../src/main/core/create-earshot-core';
import type { DictationGlue } from '../../src/main/core/dictation/dictation-core';
import type { EndpointConfirmationRequest } from '../../src/main/core/endpoint-approval';
import { createJsonFileKeyMetadataStore, loadKeytarSecretStore } from '../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry } from '../../src/main/core/logger';
import type { SessionTuning } from '../../src/main/core/session/index';
import { createIpcDispatcher } from '../../src/main/ipc/ipc-dispatcher';
import {
  invokeContract,
  sendContract,
  type EventMethod,
  type InvokeMethod,
  type SendMethod,
} from '../../src/shared/ipc-contract';
import type { StreamingCredential } from '../../src/shared/settings';
import type { IpcResult } from '../../src/shared/user-facing-error';

const ourWindow = { webContentsId: 1, frameUrl: 'app://earshot/index.html', isMainFrame: true };

export interface TakenOverMain {
  invoke(method: InvokeMethod, payload?: unknown): Promise<IpcResult<unknown>>;
  send(method: SendMethod, payload?: unknown): void;
  /** Sends this many 20 ms frames of silence, paced at real time. */
  sendAudio(frames: number): Promise<void>;
  /** The native dialogs main showed, and how the person at the computer answers them. */
  endpointQuestions: EndpointConfirmationRequest[];
  personAnswers(use: boolean): void;
  /** Every event main sent the window, in order. */
  events: Array<{ method: EventMethod; payload: unknown }>;
  logText(): string;
  core: EarshotCore;
}

export interface TakenOverMainOptions {
  sessionTuning?: Partial<SessionTuning>;
  dictation?: DictationGlue;
  /** The request budgets' clock, for tests that make more requests than a person would. */
  now?: () => number;
}

export function createTakenOverMains(): {
  open(options?: TakenOverMainOptions): Promise<TakenOverMain>;
  closeAll(): Promise<void>;
} {
  const cleanups: Array<() => Promise<unknown>> = [];
  return {
    async open(options = {}) {
      const userDataDir = await mkdtemp(join(tmpdir(), 'earshot-attack-'));
      const keychainEntry = { service: `Earshot attack ${randomUUID()}`, account: 'deepgram-api-key' };
      const secrets = createSecretRegistry();
      const log = createMemoryLogger(secrets);
      const values = new Map<string, unknown>();
      const endpointQuestions: EndpointConfirmationRequest[] = [];
      const events: TakenOverMain['events'] = [];
      let personUses = false;
      const core = await createEarshotCore({
        userDataDir,
        secretStoreLoader: loadKeytarSecretStore,
        settingsBackend: {
          get: (key) => values.get(key),
          set: (key, value) => values.set(key, value),
          delete: (key) => values.delete(key),
        },
        keyMetadataStore: createJsonFileKeyMetadataStore(join(userDataDir, 'key-metadata.json')),
        keychainEntry,
        emit: (method, payload) => events.push({ method, payload }),
        confirmEndpoint: async (request) => {
          endpointQuestions.push(request);
          return personUses;
        },
        log,
        secrets,
        ...(options.sessionTuning ? { sessionTuning: options.sessionTuning } : {}),
        ...(options.dictation ? { dictation: options.dictation } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      const dispatcher = createIpcDispatcher({
        invokeHandlers: core.invokeHandlers,
        sendHandlers: core.sendHandlers,
        isTrustedSender: () => true,
        log,
      });
      cleanups.push(async () => {
        await core.dispose();
        const store = await loadKeytarSecretStore();
        await store.deletePassword(keychainEntry.service, keychainEntry.account);
        await rm(userDataDir, { recursive: true, force: true });
      });
      const send = (method: SendMethod, payload?: unknown) =>
        dispatcher.handleSend(sendContract[method].channel, payload, ourWindow);
      return {
        core,
        endpointQuestions,
        events,
        personAnswers: (use) => {
          personUses = use;
        },
        invoke: (method, payload) =>
          dispatcher.handleInvoke(invokeContract[method].channel, payload, ourWindow),
        send,
        async sendAudio(frames) {
          for (let index = 0; index < frames; index += 1) {
            send('sendAudio', new ArrayBuffer(640));
            await new Promise((done) => setTimeout(done, 20));
          }
        },
        logText: () => log.lines.join('\n'),
      };
    },
    async closeAll() {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

export function valueOf<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export function refusalOf(result: IpcResult<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

export const hostOf = (url: string) => new URL(url).host;

/** The key saved as a person saves it on the Settings screen: with the endpoint and mode shown. */
export function saveKeyAs(key: string, endpoint: string, streamingCredential: StreamingCredential) {
  return { key, persistence: 'keychain', endpoint, streamingCredential };
}

/** A session as a person runs one: start, some audio, stop. */
export async function runSession(app: TakenOverMain): Promise<void> {
  valueOf(await app.invoke('startSession'));
  await app.sendAudio(15);
  valueOf(await app.invoke('stopSession'));
}
