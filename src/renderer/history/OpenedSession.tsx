/**
 * One session opened from History: its title line, Copy all, notices, its waiting audio, export,
 * and the saved transcript, scrolled to the segment a search result named.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionSummary, SessionTranscript } from '../../shared/history';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { ExportControls } from '../export/ExportControls';
import { Callout } from '../ui/Callout';
import { copyText } from '../ui/copy-text';
import { formatDuration } from '../ui/format-duration';
import { TranscriptView } from '../ui/TranscriptView';
import { transcriptText } from '../ui/transcript-text';
import { sessionDate } from './session-date';
import { historySpeakerRenamer } from './speaker-rename';
import { waitingAudioOf } from './waiting-audio';
import { WaitingAudioControls, type WaitingAudioShared } from './WaitingAudioControls';

/** `focusSegmentId`: opened from a search result, scrolled to the segment that matched. */
type Opened = { focusSegmentId: string | null } & (
  | { state: 'loading'; summary: SessionSummary }
  | { state: 'error'; summary: SessionSummary; message: string }
  | { state: 'ready'; transcript: SessionTranscript; version: number }
);

export interface OpenedSessionState {
  opened: Opened | null;
  open(summary: SessionSummary, focusSegmentId?: string | null): void;
  close(): void;
  /** Reads an opened session again in place (its words changed), keeping it on screen meanwhile. */
  reload(id: string): void;
  /** Shows new speaker names of the session if it is still the one open. */
  showSpeakerNames(id: string, speakerNames: SessionTranscript['speakerNames']): void;
}

export function useOpenedSession(client: EarshotClient): OpenedSessionState {
  const [opened, setOpened] = useState<Opened | null>(null);
  const openedId = useRef<string | null>(null);
  useEffect(() => {
    openedId.current = opened?.state === 'ready' ? opened.transcript.summary.id : null;
  }, [opened]);

  /** Replaces the transcript of session `id` if it is still the one open, and repaints it. */
  const update = useCallback((id: string, change: (transcript: SessionTranscript) => SessionTranscript) => {
    setOpened((current) =>
      current?.state === 'ready' && current.transcript.summary.id === id
        ? { ...current, transcript: change(current.transcript), version: current.version + 1 }
        : current,
    );
  }, []);

  const open = useCallback(
    (summary: SessionSummary, focusSegmentId: string | null = null): void => {
      setOpened({ state: 'loading', summary, focusSegmentId });
      client.getHistorySession({ id: summary.id }).then(
        (transcript) => setOpened({ state: 'ready', transcript, version: 0, focusSegmentId }),
        (error: unknown) =>
          setOpened({ state: 'error', summary, message: userFacingErrorOf(error).message, focusSegmentId }),
      );
    },
    [client],
  );
  const close = useCallback(() => setOpened(null), []);
  const reload = useCallback(
    (id: string) => {
      if (openedId.current !== id) return;
      client.getHistorySession({ id }).then(
        (transcript) => update(id, () => transcript),
        // The session stays as it was shown; the next change or opening tries again.
        () => undefined,
      );
    },
    [client, update],
  );
  const showSpeakerNames = useCallback(
    (id: string, speakerNames: SessionTranscript['speakerNames']) =>
      update(id, (transcript) => ({ ...transcript, speakerNames })),
    [update],
  );
  return { opened, open, close, reload, showSpeakerNames };
}

export function OpenedSession(props: {
  opened: Opened;
  session: OpenedSessionState;
  client: EarshotClient;
  textSize: number;
  waitingAudio: WaitingAudioShared;
  /** Back goes to search results rather than all sessions. */
  fromSearch: boolean;
  /** What History says above everything else (waiting audio that settled). */
  notice: ReactNode;
}): ReactNode {
  const { opened, session, client, textSize, waitingAudio, fromSearch, notice } = props;
  const summary = opened.state === 'ready' ? opened.transcript.summary : opened.summary;
  const waiting = waitingAudioOf(summary, waitingAudio.statuses.get(summary.id));
  // Main gives a session's segments in timeline order, words transcribed later included.
  const segments = opened.state === 'ready' ? opened.transcript.segments : [];
  return (
    <div className="history-view">
      <div className="toolbar">
        <button type="button" data-testid="history-back" onClick={session.close} autoFocus>
          {fromSearch ? '← Search results' : '← All sessions'}
        </button>
        <h1 className="history-title">
          {summary.title ?? sessionDate(summary.startedAt)}
          {summary.title && <span className="muted"> · {sessionDate(summary.startedAt)}</span>}
          <span className="muted"> · {formatDuration(summary.durationSeconds)}</span>
          {summary.interrupted && <span className="badge">interrupted</span>}
          {summary.damaged && <span className="badge damaged">damaged</span>}
        </h1>
        <span className="toolbar-spacer" />
        {opened.state === 'ready' && (
          <button
            type="button"
            data-testid="history-copy"
            onClick={() => void copyText(transcriptText(segments, opened.transcript.speakerNames))}
          >
            Copy all
          </button>
        )}
      </div>
      {notice}
      {opened.state === 'loading' && <p className="muted">Opening…</p>}
      {opened.state === 'error' && <Callout kind="error" testId="history-open-error" text={opened.message} />}
      {opened.state === 'ready' && opened.transcript.summary.damaged && (
        <Callout
          kind="warning"
          testId="history-damaged-notice"
          text={opened.transcript.summary.damaged.reason}
        />
      )}
      {waiting && <WaitingAudioControls shared={waitingAudio} sessionId={summary.id} waiting={waiting} />}
      {opened.state === 'ready' && <ExportControls client={client} sessionId={summary.id} />}
      {opened.state === 'ready' && (
        <div data-testid="history-transcript" className="history-transcript">
          <TranscriptView
            segments={segments}
            version={opened.version}
            interim={null}
            textSize={textSize}
            followNewest={false}
            label="Saved transcript"
            emptyText="Nothing was transcribed in this session."
            testIdPrefix="history-"
            speakerNames={opened.transcript.speakerNames}
            onRenameSpeaker={historySpeakerRenamer(client, summary.id, session.showSpeakerNames)}
            scrollToSegmentId={opened.focusSegmentId}
          />
        </div>
      )}
    </div>
  );
}
