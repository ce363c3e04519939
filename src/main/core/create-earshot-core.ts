import { join } from 'node:path';
import type { EventSink, InvokeHandlers, SendHandlers } from './handler-types';
import { createEventFanOut } from './event-fan-out';
import { EarshotError } from '../../shared/user-facing-error';
import type { Logger, SecretRegistry } from './logger';
import { createKeyChecker, createKeyVault, type KeyMetadataStore, type SecretStore } from './key-vault/index';
import { createSettingsService, type SettingsBackend } from './settings/index';
import { openTranscriptStore } from './transcript-store/index';
import { createHistoryService } from './transcript-store/history-service';
import { createRequestBudget, requestBudgets } from './request-budget';
import { createEndpointApproval, type ConfirmEndpoint } from './endpoint-approval';
import { createSessionController, type SessionTuning } from './session/index';
import { resolveTuning } from './session/session-tuning';
import { monoAudioFormat } from './session/audio-format';
import { createLateTranscriber } from './waiting-audio/late-connector';
import { createWaitingAudioService } from './waiting-audio/waiting-audio-service';
import { openWaitingAudioStore } from './waiting-audio/waiting-audio-store';
import { createCoreDictation, dictationEventTap, type DictationGlue } from './dictation/dictation-core';
import type { DictationService } from './dictation/dictation-service';
import { unavailableDictationStatus } from '../../shared/dictation-status';
import type { Settings } from '../../shared/settings';
import { createKeytermEditing } from './keyterm-editing';
import { createCoreExport, type ExportGlue } from './export/core-export';

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
  /** The dictation shortcut's platform parts (Electron glue); without them dictation is off. */
  dictation?: DictationGlue;
  /** The caption overlay window (Electron glue); without it "Show captions" says it is unavailable. */
  captionOverlay?: { show(): boolean };
  /** The native save dialog for exports (Electron glue); without it exporting says it is unavailable. */
  exportGlue?: ExportGlue;
}

export interface EarshotCore {
  invokeHandlers: InvokeHandlers;
  sendHandlers: SendHandlers;
  /** The machine is about to sleep (the OS says so, through main's glue). */
  systemSuspending(): void;
  /** The machine woke up. */
  systemResumed(): void;
  /** Dictation driven by the global shortcut (null when the glue gave no DictationGlue). */
  dictation: DictationService | null;
  /** The settings in force now, for glue that must decide at once (closing the window to the tray). */
  currentSettings(): Settings;
  /** Core events also go to this observer (the caption overlay, which has a contract of its own). */
  observeEvents(observer: EventSink): () => void;
  /** Called with the new settings after every change. */
  observeSettings(listener: (settings: Settings) => void): () => void;
  /** Real-time audio in bytes per second in the running (or next) session's format, for the rate guard. */
  audioBytesPerSecond(): number;
  dispose(): Promise<void>;
}

/** Builds main's whole core from its parts; Electron and the test harness both call this. */
export async function createEarshotCore(deps: EarshotCoreDeps): Promise<EarshotCore> {
  const { log, secrets } = deps;
  const eventFanOut = createEventFanOut(deps.emit, log);
  const dictationTap = dictationEventTap(eventFanOut.emit);
  const emit = dictationTap.emit;
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
  const settingsChanges = createRequestBudget({ ...requestBudgets.settingsChanges, now });
  const transcriptStore = await openTranscriptStore({
    directory: join(deps.userDataDir, 'transcripts'),
    log,
  });
  const sessionExport = createCoreExport({
    glue: deps.exportGlue,
    readTranscript: (id) => transcriptStore.get(id),
    log,
    now,
  });
  const tuning = resolveTuning(deps.sessionTuning);
  const waitingAudioStore = await openWaitingAudioStore({
    directory: join(deps.userDataDir, 'waiting-audio'),
    limitBytes: () => settings.current().waitingAudioLimitMinutes * 60_000 * monoAudioFormat.bytesPerMs,
    log,
  });
  // The session is created below; the service only asks which one is running.
  let runningSessionId: () => string | null = () => null;
  // The state keeps naming a session after it ended (to say how much of it waits on disk):
  // that session is over, and its audio may be transcribed.
  let endedSessionId: string | null = null;
  const waitingAudio = createWaitingAudioService({
    store: waitingAudioStore,
    transcripts: transcriptStore,
    transcribe: createLateTranscriber({ getSettings: () => settings.current(), vault, secrets, log, tuning }),
    runningSessionId: () => runningSessionId(),
    emitStatus: (status) => {
      emit('onWaitingAudio', status);
      session.waitingAudioChanged(status.sessionId, status.waitingAudioSeconds * 1000);
    },
    emitSegments: (sessionId, segments) => {
      for (const segment of segments) emit('onTranscript', { kind: 'segment', sessionId, segment });
    },
    log,
    timers: tuning.timers,
  });
  const history = createHistoryService({
    store: transcriptStore,
    settings,
    // Only audio that waits: news of "nothing waits" would read as "transcribed" in History.
    discardWaitingAudio: async (id) => {
      if (waitingAudio.waitingSeconds(id) > 0) await waitingAudio.discard(id);
    },
    budgets: {
      search: createRequestBudget({ ...requestBudgets.historySearches, now }),
      changes: createRequestBudget({ ...requestBudgets.historyChanges, now }),
    },
    timers: tuning.timers,
    now,
    log,
  });
  const session = createSessionController({
    getSettings: () => settings.current(),
    vault,
    transcriptStore: history.sessionStore,
    waitingAudio: history.keeperFor(waitingAudioStore),
    onConnected: () => waitingAudio.endpointAnswered(),
    onSessionEnded: (sessionId) => {
      endedSessionId = sessionId;
      waitingAudio.runSoon();
    },
    emitTranscript: (event) => emit('onTranscript', event),
    emitState: (state) => emit('onSessionState', state),
    secrets,
    log,
    tuning,
  });

  const dictation = deps.dictation
    ? createCoreDictation(deps.dictation, {
        emit,
        session,
        settings: () => settings.current(),
        onSettingsChange: (listener) => settings.onChange(listener),
      })
    : null;
  if (dictation) dictationTap.attach(dictation);

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
    updateSettings: async (patch) => {
      settingsChanges.spend();
      return settings.update(patch);
    },
    startSession: async () => {
      sessionStarts.spend();
      return session.start();
    },
    stopSession: () => session.stop(),
    stopSessionNow: () => session.stopNow(),
    pauseSession: async ({ paused }) => session.setPaused(paused),
    getSessionState: async () => session.state(),
    setKeyterms: createKeytermEditing({
      saveKeyterms: (keyterms) => settings.update({ keyterms }).settings,
      session,
      now,
    }),
    getDictationStatus: async () => deps.dictation?.status() ?? unavailableDictationStatus,
    showCaptions: async () => {
      if (!deps.captionOverlay) throw new EarshotError('internal', 'Captions cannot be shown here.');
      return deps.captionOverlay.show();
    },
    listHistory: async () =>
      (await transcriptStore.list()).map((summary) => ({
        ...summary,
        waitingAudioSeconds: waitingAudio.waitingSeconds(summary.id),
      })),
    getHistorySession: async ({ id }) => {
      const transcript = await transcriptStore.get(id);
      return {
        ...transcript,
        summary: { ...transcript.summary, waitingAudioSeconds: waitingAudio.waitingSeconds(id) },
      };
    },
    transcribeWaitingAudio: async ({ id }) => {
      if (waitingAudio.waitingSeconds(id) > 0) sessionStarts.spend();
      return waitingAudio.transcribeNow(id);
    },
    deleteWaitingAudio: ({ id }) => waitingAudio.discard(id),
    searchHistory: (request) => history.searchHistory(request),
    renameSession: (request) => history.renameSession(request),
    deleteSession: (request) => history.deleteSession(request),
    restoreSession: (request) => history.restoreSession(request),
    renameSpeaker: async (request) => {
      const speakerNames = await history.renameSpeaker(request);
      emit('onSpeakerNames', { sessionId: request.id, speakerNames });
      return speakerNames;
    },
    getStorageInfo: () => history.getStorageInfo(),
    exportSession: (request) => sessionExport.exportSession(request),
  };
  const sendHandlers: SendHandlers = {
    sendAudio: (frame) => session.pushAudio(frame),
    reportCaptureProblem: ({ problem }) => session.reportCaptureProblem(problem),
    // Only the window says so, and a window can repeat itself: each piece of news that cuts a
    // backoff wait short spends the budget, which keeps the backoff in charge of the pace. News
    // while nothing waits (connected, or an attempt under way) changes nothing and costs nothing.
    reportNetworkOnline: () => {
      if (!session.waitingToReconnect()) return;
      networkNews.spend();
      session.networkOnline();
    },
  };
  runningSessionId = () => {
    const { sessionId } = session.state();
    return sessionId === endedSessionId ? null : sessionId;
  };
  // Audio kept before the last quit (or crash) is tried as soon as the app is up.
  waitingAudio.runSoon();
  return {
    invokeHandlers,
    sendHandlers,
    systemSuspending: () => session.systemSuspending(),
    systemResumed: () => session.systemResumed(),
    dictation,
    currentSettings: () => settings.current(),
    observeEvents: (observer) => eventFanOut.observe(observer),
    observeSettings: (listener) => settings.onChange(listener),
    audioBytesPerSecond: () => session.audioFormat().bytesPerMs * 1000,
    dispose: async () => {
      waitingAudio.dispose();
      await session.dispose();
      await history.dispose();
      transcriptStore.close();
    },
  };
}
