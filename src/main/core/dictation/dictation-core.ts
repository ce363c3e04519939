/**
 * How the core takes dictation in: what the Electron glue (or a test) hands it, and the tap on
 * main's events that feeds the session's finals and states to the dictation service.
 */
import type { DictationStatus } from '../../../shared/dictation-status';
import type { EventSink } from '../handler-types';
import type { SessionController } from '../session/session-types';
import type { Settings } from '../../../shared/settings';
import { createDictationService, type DictationService } from './dictation-service';
import type { DictationNotice, DictationPhase, DictationTimers, TextInserter } from './dictation-ports';

/** What dictation needs from outside the core: the platform's inserter, clipboard and notifications. */
export interface DictationGlue {
  inserter: TextInserter;
  copyToClipboard(text: string): Promise<void>;
  notify(notice: DictationNotice): void;
  /** Whether the window that captures audio exists (it may be hidden). */
  windowOpen(): boolean;
  /** The shortcuts' state, for Settings (once the latest settings are in force). */
  status(): DictationStatus | Promise<DictationStatus>;
  /** The service exists: the hotkeys may drive it. */
  started?(service: DictationService): void;
  /** The settings now in force (at start, then after every change): the shortcuts follow them. */
  settingsChanged?(settings: Settings): void;
  onPhase?(phase: DictationPhase): void;
  timers?: DictationTimers;
  windowStopWaitMs?: number;
}

const realDictationTimers: DictationTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Main's event sink, with the session's transcripts and states also shown to dictation. */
export function dictationEventTap(emit: EventSink): {
  emit: EventSink;
  attach(service: DictationService): void;
} {
  let service: DictationService | null = null;
  const tapped: EventSink = (method, payload) => {
    emit(method, payload);
    if (!service) return;
    if (method === 'onTranscript')
      service.transcript(payload as Parameters<DictationService['transcript']>[0]);
    else if (method === 'onSessionState')
      service.sessionState(payload as Parameters<DictationService['sessionState']>[0]);
  };
  return { emit: tapped, attach: (next) => (service = next) };
}

export function createCoreDictation(
  glue: DictationGlue,
  deps: {
    emit: EventSink;
    session: SessionController;
    settings: () => Settings;
    onSettingsChange?: (listener: (settings: Settings) => void) => void;
  },
): DictationService {
  const service = createDictationService({
    session: deps.session,
    requestCapture: (action) => {
      if (!glue.windowOpen()) return false;
      deps.emit('onCaptureRequest', { action });
      return true;
    },
    inserter: glue.inserter,
    copyToClipboard: (text) => glue.copyToClipboard(text),
    notify: (notice) => glue.notify(notice),
    settings: deps.settings,
    timers: glue.timers ?? realDictationTimers,
    ...(glue.onPhase ? { onPhase: glue.onPhase } : {}),
    ...(glue.windowStopWaitMs !== undefined ? { windowStopWaitMs: glue.windowStopWaitMs } : {}),
  });
  glue.started?.(service);
  glue.settingsChanged?.(deps.settings());
  deps.onSettingsChange?.((settings) => glue.settingsChanged?.(settings));
  return service;
}
