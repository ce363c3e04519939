import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Settings } from '../../shared/settings';
import { sessionUnderWay, type Level, type LiveController } from './live-controller';
import { copyText } from '../ui/copy-text';
import { ElapsedTime } from './ElapsedTime';
import { LevelMeter } from './LevelMeter';
import {
  isPauseShortcut,
  isStartStopShortcut,
  pauseShortcutLabel,
  startStopKeyShortcuts,
  startStopShortcutLabel,
} from './shortcut';
import { describeStatus } from './status-text';
import { TextSizeControl } from '../ui/TextSizeControl';
import { TranscriptView } from '../ui/TranscriptView';
import { FinalAnnouncement } from './FinalAnnouncement';
import { HistoryOffNotice } from '../history/HistoryOffNotice';
import type { SpeakerNaming } from './useSpeakerNaming';

interface LiveViewProps {
  controller: LiveController;
  /** The view is on screen; its keyboard shortcuts work only then. */
  visible: boolean;
  settings: Settings | null;
  textSize: number;
  onTextSizeChange(size: number): void;
  /** Export and copy of the session that just ended (src/renderer/export/LiveSessionExport.tsx). */
  exportSession?: (sessionId: string | null, running: boolean) => ReactNode;
  /** Keyterms, editable during a session (KeytermEditor.tsx), shown under the status. */
  keytermEditor?: ReactNode;
  /** Opens the caption overlay (ShowCaptionsButton.tsx), in the toolbar. */
  captionsButton?: ReactNode;
  /** Speaker names of the running session, renamed from their labels (useSpeakerNaming.ts). */
  speakerNaming?: SpeakerNaming;
}

export function LiveView(props: LiveViewProps): ReactNode {
  const { controller, visible, settings, textSize, onTextSizeChange } = props;
  const live = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const transcript = useSyncExternalStore(controller.transcript.subscribe, controller.transcript.getSnapshot);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const phase = live.session.phase;
  const running = sessionUnderWay(live);
  const canPause =
    live.activity === 'running' && (phase === 'live' || phase === 'paused' || phase === 'reconnecting');
  const status = describeStatus(live);

  const subscribeLevel = useCallback(
    (listener: (level: Level) => void) => controller.onLevel(listener),
    [controller],
  );

  const startOrStop = useCallback(() => {
    if (controller.isActive) void controller.stop();
    else if (settings) controller.start(settings);
  }, [controller, settings]);

  useEffect(() => {
    if (!visible) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (isStartStopShortcut(event)) {
        event.preventDefault();
        startOrStop();
      } else if (isPauseShortcut(event) && canPause) {
        event.preventDefault();
        void controller.togglePause();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [visible, startOrStop, canPause, controller]);

  const copyAll = async (): Promise<void> => {
    const copied = await copyText(controller.transcript.fullText());
    setCopyState(copied ? 'copied' : 'failed');
    setTimeout(() => setCopyState('idle'), 2_000);
  };

  const startedAt = live.session.startedAt ?? live.pressedStartAt;

  return (
    <section className="live-view" aria-label="Live transcription">
      <h1 className="visually-hidden">Live transcription</h1>
      <div className="toolbar">
        {running ? (
          <button
            type="button"
            className="primary stop"
            data-testid="stop-button"
            onClick={startOrStop}
            disabled={live.activity === 'stopping'}
            aria-keyshortcuts={startStopKeyShortcuts}
          >
            Stop <kbd>{startStopShortcutLabel}</kbd>
          </button>
        ) : (
          <button
            type="button"
            className="primary start"
            data-testid="start-button"
            onClick={startOrStop}
            disabled={!settings}
            aria-keyshortcuts={startStopKeyShortcuts}
          >
            Start <kbd>{startStopShortcutLabel}</kbd>
          </button>
        )}
        {live.session.finishing && <StopNowButton onStopNow={() => void controller.stopNow()} />}
        <button
          type="button"
          data-testid="pause-button"
          onClick={() => void controller.togglePause()}
          disabled={!canPause}
          aria-pressed={live.paused}
          title={`Pause or resume (${pauseShortcutLabel})`}
        >
          {live.paused ? 'Resume' : 'Pause'}
        </button>
        <LevelMeter subscribe={subscribeLevel} />
        <ElapsedTime since={startedAt} running={running} />
        <span className="toolbar-spacer" />
        {props.captionsButton}
        <TextSizeControl size={textSize} onChange={onTextSizeChange} />
        <button
          type="button"
          data-testid="copy-all"
          onClick={() => void copyAll()}
          disabled={transcript.finals.length === 0}
        >
          {copyState === 'copied' ? 'Copied' : copyState === 'failed' ? 'Copy failed' : 'Copy all'}
        </button>
      </div>

      <div
        id="live-status"
        className={`status tone-${status.tone}`}
        data-testid="status"
        data-phase={live.problem ? 'error' : phase}
        data-activity={live.activity}
        role="status"
      >
        <span className="status-dot" aria-hidden="true" />
        <span className="status-text">{status.text}</span>
      </div>
      {status.notices.length > 0 && (
        <ul className="notices" data-testid="session-notices">
          {status.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      {props.exportSession?.(live.session.sessionId, running)}
      {props.keytermEditor}

      <HistoryOffNotice keepHistory={settings?.keepHistory} />
      <TranscriptView
        segments={transcript.finals}
        version={transcript.version}
        interim={transcript.interim}
        textSize={textSize}
        followNewest
        label="Transcript"
        speakerNames={props.speakerNaming?.names}
        onRenameSpeaker={props.speakerNaming?.rename}
        emptyText={`Press Start (${startStopShortcutLabel}) and speak. Words appear here as they are recognised.`}
      />

      <FinalAnnouncement
        mode={settings?.finalAnnouncements ?? 'every-final'}
        latestFinal={transcript.latestFinalText}
        announcer={controller.announcer}
      />
    </section>
  );
}

/**
 * Shown while Stop keeps trying during an outage. Pressing Stop disabled the Stop button, which
 * drops the keyboard focus; it lands here instead, so a keyboard user is not sent back to the top.
 */
function StopNowButton(props: { onStopNow(): void }): ReactNode {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const focused = document.activeElement;
    if (focused === null || focused === document.body) button.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="stop-now"
        data-testid="stop-now-button"
        onClick={props.onStopNow}
        aria-describedby="live-status stop-now-help"
      >
        Stop now
      </button>
      <span id="stop-now-help" className="visually-hidden">
        Stops trying to reach Deepgram. The audio not yet sent is kept on this computer and transcribed later.
      </span>
    </>
  );
}
