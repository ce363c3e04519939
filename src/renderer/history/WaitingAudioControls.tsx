/**
 * A session's audio that waits to be transcribed: how much, "Transcribe now", and "Delete
 * waiting audio" behind a confirmation in the window, since deleting it is the one way audio
 * is ever lost.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { WaitingAudioStatus } from '../../shared/history';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { notYetTranscribedText, secondsText, type WaitingAudio } from './waiting-audio';
import type { WaitingAudioNews } from './waiting-audio-news';

/** What the waiting-audio controls of every session in History share. */
export interface WaitingAudioShared {
  client: EarshotClient;
  /** Main's latest word on each session's waiting audio, by session id (newer than the summaries). */
  statuses: ReadonlyMap<string, WaitingAudioStatus>;
  /** Where main's answers go (and its events already went). */
  news: WaitingAudioNews;
  /** The person confirmed the deletion (said before main is asked, so main's news finds it known). */
  onDeleteConfirmed(sessionId: string): void;
}

/** The id of the "12 s not yet transcribed" line, which describes the session's item in the list. */
export function waitingAudioLineId(sessionId: string): string {
  return `waiting-audio-${sessionId}`;
}

export function WaitingAudioControls(props: {
  shared: WaitingAudioShared;
  sessionId: string;
  waiting: WaitingAudio;
}): ReactNode {
  const { shared, sessionId, waiting } = props;
  const { client, news, onDeleteConfirmed } = shared;
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [requestProblem, setRequestProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const focusDeleteButton = useRef(false);

  // "Keep it" removes the button that had the focus: hand it back to the one that asked.
  useEffect(() => {
    if (confirmingDelete || !focusDeleteButton.current) return;
    focusDeleteButton.current = false;
    deleteButton.current?.focus();
  }, [confirmingDelete]);
  const lineId = waitingAudioLineId(sessionId);

  const request = async (call: () => Promise<WaitingAudioStatus>): Promise<void> => {
    setBusy(true);
    setRequestProblem(null);
    const mark = news.mark();
    try {
      news.answered(await call(), mark);
    } catch (error) {
      setRequestProblem(userFacingErrorOf(error).message);
    } finally {
      setBusy(false);
    }
  };

  const problem = requestProblem ?? waiting.problem;
  // Neither transcribed nor deleted while main works on it, or when nothing waits.
  const unavailable = busy || waiting.transcribing || waiting.seconds <= 0;
  const deleteAudio = (): void => {
    setConfirmingDelete(false);
    onDeleteConfirmed(sessionId);
    void request(() => client.deleteWaitingAudio({ id: sessionId }));
  };
  const keepAudio = (): void => {
    focusDeleteButton.current = true;
    setConfirmingDelete(false);
  };
  return (
    <div className="waiting-audio" data-testid="waiting-audio" role="group" aria-labelledby={lineId}>
      <span id={lineId} className="waiting-audio-line" data-testid="waiting-audio-line">
        {notYetTranscribedText(waiting.seconds)}
      </span>
      {/* aria-disabled, not disabled: a button that had the focus keeps it while main works. */}
      <button
        type="button"
        data-testid="transcribe-now"
        aria-disabled={unavailable}
        onClick={() => {
          if (!unavailable) void request(() => client.transcribeWaitingAudio({ id: sessionId }));
        }}
      >
        Transcribe now
      </button>
      {waiting.transcribing && (
        <span className="muted" role="status" data-testid="waiting-audio-transcribing">
          Transcribing…
        </span>
      )}
      {!confirmingDelete ? (
        <button
          ref={deleteButton}
          type="button"
          className="danger"
          data-testid="delete-waiting-audio"
          disabled={unavailable}
          onClick={() => setConfirmingDelete(true)}
        >
          Delete waiting audio…
        </button>
      ) : (
        <div className="confirm" role="group" aria-label="Confirm deleting the waiting audio">
          <span>
            Delete {secondsText(waiting.seconds)} of audio that was never transcribed? Its words will be lost
            for good.
          </span>
          <button
            type="button"
            className="danger"
            data-testid="confirm-delete-waiting-audio"
            onClick={deleteAudio}
          >
            Delete audio
          </button>
          {/* The safe answer has the focus: Enter keeps the audio. */}
          <button type="button" data-testid="cancel-delete-waiting-audio" onClick={keepAudio} autoFocus>
            Keep it
          </button>
        </div>
      )}
      {problem && (
        <p className="waiting-audio-problem" role="alert" data-testid="waiting-audio-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
