import { join } from 'node:path';
import type { EventSink, InvokeHandlers, SendHandlers } from './handler-types';
import type { Logger, SecretRegistry } from './logger';
import { createKeyChecker, createKeyVault, type KeyMetadataStore, type SecretStore } from './key-vault/index';
import { createSettingsService, type SettingsBackend } from './settings/index';
import { openTranscriptStore } from './transcript-store/index';
import { createSessionController, type SessionTuning } from './session/index';

export interface EarshotCoreDeps {
  userDataDir: string;
  secretStoreLoader: () => Promise<SecretStore>;
  settingsBackend: SettingsBackend;
  /** A notice from opening the settings file (e.g. it was damaged and set aside). */
  settingsNotice?: string | null;
  keyMetadataStore: KeyMetadataStore;
  emit: EventSink;
  log: Logger;
  secrets: SecretRegistry;
  sessionTuning?: Partial<SessionTuning>;
}

export interface EarshotCore {
  invokeHandlers: InvokeHandlers;
  sendHandlers: SendHandlers;
  dispose(): Promise<void>;
}

/** Builds main's whole core from its parts; Electron and the test harness both call this. */
export async function createEarshotCore(deps: EarshotCoreDeps): Promise<EarshotCore> {
  const { log, secrets, emit } = deps;
  const settings = createSettingsService({
    backend: deps.settingsBackend,
    log,
    startupNotice: deps.settingsNotice ?? null,
  });
  const vault = createKeyVault({
    loadSecretStore: deps.secretStoreLoader,
    metadata: deps.keyMetadataStore,
    checkKey: createKeyChecker({ endpoint: () => settings.current().endpoint, log }),
    secrets,
    log,
  });
  const transcriptStore = await openTranscriptStore({
    directory: join(deps.userDataDir, 'transcripts'),
    log,
  });
  const session = createSessionController({
    getSettings: () => settings.current(),
    vault,
    transcriptStore,
    emitTranscript: (event) => emit('onTranscript', event),
    emitState: (state) => emit('onSessionState', state),
    secrets,
    log,
    tuning: deps.sessionTuning,
  });

  const invokeHandlers: InvokeHandlers = {
    getKeyStatus: () => vault.status(),
    saveKey: ({ key, persistence }) => vault.save(key, persistence),
    testKey: () => vault.test(),
    removeKey: () => vault.remove(),
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => settings.update(patch),
    startSession: () => session.start(),
    stopSession: () => session.stop(),
    pauseSession: async ({ paused }) => session.setPaused(paused),
    getSessionState: async () => session.state(),
    listHistory: () => transcriptStore.list(),
    getHistorySession: ({ id }) => transcriptStore.get(id),
  };
  const sendHandlers: SendHandlers = {
    sendAudio: (frame) => session.pushAudio(frame),
    reportCaptureProblem: ({ problem }) => session.reportCaptureProblem(problem),
  };
  return { invokeHandlers, sendHandlers, dispose: () => session.dispose() };
}
