import { join } from 'node:path';
import type { EventSink, InvokeHandlers, SendHandlers } from './handler-types';
import type { Logger, SecretRegistry } from './logger';
import { createKeyChecker, createKeyVault, type KeyMetadataStore, type SecretStore } from './key-vault/index';
import { createSettingsService, type SettingsBackend } from './settings/index';
import { openTranscriptStore } from './transcript-store/index';
import { createRequestBudget, requestBudgets } from './request-budget';
import { createEndpointApproval, type ConfirmEndpoint } from './endpoint-approval';
import { createSessionController, type SessionTuning } from './session/index';

export interface EarshotCoreDeps {
  userDataDir: string;
  secretStoreLoader: () => Promise<SecretStore>;
  settingsBackend: SettingsBackend;
  /** A notice from opening the settings file (e.g. it was damaged and set aside). */
  settingsNotice?: string | null;
  keyMetadataStore: KeyMetadataStore;
  /** A notice from opening the key metadata file (it was damaged and set aside). */
  keyMetadataNotice?: string | null;
  emit: EventSink;
  /**
   * Asks the person, outside the window, before main talks to a host the key is not bound
   * to (the Electron glue shows a native dialog).
   */
  confirmEndpoint: ConfirmEndpoint;
  log: Logger;
  secrets: SecretRegistry;
  sessionTuning?: Partial<SessionTuning>;
  /** Tests use their own keychain entry, so parallel test files never share one. */
  keychainEntry?: { service: string; account: string };
  /** The clock of the request budgets (tests drive it). */
  now?: () => number;
}

export interface EarshotCore {
  invokeHandlers: InvokeHandlers;
  sendHandlers: SendHandlers;
  /** The machine is about to sleep (the OS says so, through main's glue). */
  systemSuspending(): void;
  /** The machine woke up. */
  systemResumed(): void;
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
    checkKey: createKeyChecker({ log }),
    legacyEndpoint: () => settings.current().endpoint,
    metadataNotice: deps.keyMetadataNotice ?? null,
    ...(deps.keychainEntry ? { keychainEntry: deps.keychainEntry } : {}),
    secrets,
    log,
  });
  const endpointApproval = createEndpointApproval({
    confirm: deps.confirmEndpoint,
    boundEndpoint: () => vault.boundEndpoint(),
    log,
  });
  const now = deps.now ?? Date.now;
  const keyChecks = createRequestBudget({ ...requestBudgets.keyChecks, now });
  const sessionStarts = createRequestBudget({ ...requestBudgets.sessionStarts, now });
  const networkNews = createRequestBudget({ ...requestBudgets.networkNews, now });
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
    saveKey: async ({ key, persistence, endpoint, streamingCredential }) => {
      keyChecks.spend();
      await endpointApproval.approve(endpoint);
      const status = await vault.save(key, persistence, endpoint);
      settings.saveKeyWith({ endpoint, streamingCredential });
      return status;
    },
    testKey: async () => {
      keyChecks.spend();
      return vault.test(settings.current().endpoint);
    },
    removeKey: () => vault.remove(),
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => settings.update(patch),
    startSession: async () => {
      sessionStarts.spend();
      return session.start();
    },
    stopSession: () => session.stop(),
    pauseSession: async ({ paused }) => session.setPaused(paused),
    getSessionState: async () => session.state(),
    listHistory: () => transcriptStore.list(),
    getHistorySession: ({ id }) => transcriptStore.get(id),
  };
  const sendHandlers: SendHandlers = {
    sendAudio: (frame) => session.pushAudio(frame),
    reportCaptureProblem: ({ problem }) => session.reportCaptureProblem(problem),
    // Only the window says so, and a window can repeat itself: each piece of news lets a
    // waiting reconnection go early, so a budget keeps the backoff in charge of the pace.
    reportNetworkOnline: () => {
      networkNews.spend();
      session.networkOnline();
    },
  };
  return {
    invokeHandlers,
    sendHandlers,
    systemSuspending: () => session.systemSuspending(),
    systemResumed: () => session.systemResumed(),
    dispose: () => session.dispose(),
  };
}
