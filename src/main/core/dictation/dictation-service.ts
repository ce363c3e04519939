/**
 * Dictation over the real session controller: the machine's DictationSession is an ordinary
 * session (so every dictation is in History), started by main. The window captures the audio,
 * so main asks it to (onCaptureRequest) at the press, before the connection opens: frames are
 * kept while it opens and replayed. The session's final segments feed the machine; on stop the
 * window finishes capture and stops the session as its Stop button does, and the words are
 * inserted once the last finals are in.
 */
import type { CaptureAction } from '../../../shared/dictation-status';
import type { SessionState } from '../../../shared/session-state';
import type { Settings } from '../../../shared/settings';
import type { TranscriptEvent } from '../../../shared/transcript';
import { EarshotError } from '../../../shared/user-facing-error';
import type { SessionController } from '../session/session-types';
import { DictationMachine } from './dictation-machine';
import type {
  DictationOptions,
  DictationOutlets,
  DictationPhase,
  DictationSession,
  DictationSessionEvents,
} from './dictation-ports';

export const holdThresholdMs = 300;
/** How long a stop waits for the window to hand over its last frames before stopping without them. */
export const windowStopWaitMs = 10_000;

export interface DictationServiceDeps extends DictationOutlets {
  session: Pick<SessionController, 'start' | 'stop' | 'state'>;
  /** Asks the window to capture; false when there is no window to ask. */
  requestCapture(action: CaptureAction): boolean;
  settings(): Settings;
  windowStopWaitMs?: number;
}

export interface DictationService {
  keyDown(): void;
  keyUp(): void;
  /** Esc: ends the dictation, inserts nothing. */
  cancel(): void;
  pasteLast(): Promise<void>;
  isListening(): boolean;
  phase(): DictationPhase;
  /** Every transcript event main sends the window passes through here. */
  transcript(event: TranscriptEvent): void;
  /** Every session state main sends the window passes through here. */
  sessionState(state: SessionState): void;
  settled(): Promise<void>;
}

export function dictationOptionsFrom(settings: Settings): DictationOptions {
  return {
    holdThresholdMs,
    insertion: settings.dictationInsertion,
    join: {
      spaceBeforeWhenUnknown: settings.dictationSpaceBefore,
      firstLetterWhenUnknown: settings.dictationFirstLetter,
      spaceAfterPunctuation: settings.dictationSpaceAfter,
    },
  };
}

interface Running {
  events: DictationSessionEvents;
  sessionId: string | null;
  /** A state naming this session as on was seen: a later idle or error means it ended. */
  seenOn: boolean;
  stopping: boolean;
  finals: Set<string>;
  /** Resolves when the session leaves its running phases (the window stopped it). */
  leftRunning: () => void;
  left: Promise<void>;
}

const onPhases = new Set<SessionState['phase']>(['connecting', 'live', 'paused', 'reconnecting']);
const stoppedInWindow = 'Listening was stopped in Earshot’s window; the words so far are inserted.';

export function createDictationService(deps: DictationServiceDeps): DictationService {
  let running: Running | null = null;

  const session: DictationSession = {
    async start(events) {
      let leftRunning: () => void = () => undefined;
      const left = new Promise<void>((resolve) => (leftRunning = resolve));
      const current: Running = {
        events,
        sessionId: null,
        seenOn: false,
        stopping: false,
        finals: new Set(),
        leftRunning,
        left,
      };
      running = current;
      // Capture first: the microphone opens while main reads the key and connects.
      const windowAsked = deps.requestCapture('start');
      try {
        if (!windowAsked) {
          throw new EarshotError(
            'invalid-request',
            'Earshot’s window is not open, so it cannot listen: open Earshot and press the shortcut again.',
          );
        }
        const state = await deps.session.start();
        current.sessionId ??= state.sessionId;
      } catch (error) {
        deps.requestCapture('cancel');
        if (running === current) running = null;
        throw error;
      }
    },
    async stop() {
      const current = running;
      if (current) {
        current.stopping = true;
        if (deps.requestCapture('stop'))
          await waitAtMost(current.left, deps.windowStopWaitMs ?? windowStopWaitMs);
      }
      try {
        // Returns the window's stop when it is under way; resolves once the last finals are out.
        await deps.session.stop();
      } finally {
        if (running === current) running = null;
      }
    },
    async cancel() {
      const current = running;
      if (current) current.stopping = true;
      deps.requestCapture('cancel');
      try {
        await deps.session.stop();
      } finally {
        if (running === current) running = null;
      }
    },
  };

  function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = deps.timers.setTimeout(resolve, ms);
      void promise.then(() => {
        deps.timers.clearTimeout(timer);
        resolve();
      });
    });
  }

  const machine = new DictationMachine({
    session,
    inserter: deps.inserter,
    copyToClipboard: (text) => deps.copyToClipboard(text),
    notify: (notice) => deps.notify(notice),
    options: () => dictationOptionsFrom(deps.settings()),
    timers: deps.timers,
    ...(deps.onPhase ? { onPhase: deps.onPhase } : {}),
  });

  return {
    keyDown: () => machine.keyDown(),
    keyUp: () => machine.keyUp(),
    cancel: () => machine.cancel(),
    pasteLast: () => machine.pasteLast(),
    isListening: () => machine.isListening(),
    phase: () => machine.phase(),
    settled: () => machine.settled(),
    transcript(event) {
      const current = running;
      if (!current || event.kind !== 'segment' || event.sessionId !== current.sessionId) return;
      const { segment } = event;
      if (!segment.isFinal || segment.transcribedLater || current.finals.has(segment.id)) return;
      current.finals.add(segment.id);
      current.events.finalSegment(segment.text);
    },
    sessionState(state) {
      const current = running;
      if (!current) return;
      if (onPhases.has(state.phase)) {
        if (current.sessionId === null && state.phase === 'connecting') current.sessionId = state.sessionId;
        if (state.sessionId === current.sessionId) current.seenOn = true;
        return;
      }
      if (!current.seenOn) return;
      // Stopping, idle or error: the session takes no more audio.
      current.leftRunning();
      if (state.phase === 'stopping' || current.stopping) return;
      // It ended without the shortcut (Stop in the window, a failure): its finals are all out by now.
      current.stopping = true;
      current.events.ended(state.error?.message ?? stoppedInWindow);
    },
  };
}
