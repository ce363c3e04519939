import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionSummary, SessionTranscript } from '../../shared/history';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { copyText } from '../ui/copy-text';
import { formatDuration } from '../ui/format-duration';
import { TranscriptView } from '../ui/TranscriptView';
import { transcriptText } from '../ui/transcript-text';
import { settledText, waitingAudioOf, type WaitingAudio } from './waiting-audio';
import type { WaitingAudioNews } from './waiting-audio-news';
import { WaitingAudioControls, waitingAudioLineId } from './WaitingAudioControls';

interface HistoryViewProps {
  client: EarshotClient;
  textSize: number;
  waitingAudioNews: WaitingAudioNews;
}

type Listing =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; sessions: SessionSummary[] };
type Opened =
  | { state: 'loading'; summary: SessionSummary }
  | { state: 'error'; summary: SessionSummary; message: string }
  | { state: 'ready'; transcript: SessionTranscript; version: number };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function HistoryView(props: HistoryViewProps): ReactNode {
  const { client, textSize, waitingAudioNews } = props;
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [opened, setOpened] = useState<Opened | null>(null);
  const waitingStatuses = useSyncExternalStore(waitingAudioNews.subscribe, waitingAudioNews.getSnapshot);

  const loadList = useCallback((): (() => void) => {
    let cancelled = false;
    client.listHistory().then(
      (sessions) => !cancelled && setListing({ state: 'ready', sessions }),
      (error: unknown) =>
        !cancelled && setListing({ state: 'error', message: userFacingErrorOf(error).message }),
    );
    return () => {
      cancelled = true;
    };
  }, [client]);

  useEffect(loadList, [loadList]);

  const openedId = useRef<string | null>(null);
  useEffect(() => {
    openedId.current = opened?.state === 'ready' ? opened.transcript.summary.id : null;
  }, [opened]);

  /** Reads an opened session again in place (its words changed), keeping it on screen meanwhile. */
  const reloadOpened = useCallback(
    (id: string) => {
      if (openedId.current !== id) return;
      client.getHistorySession({ id }).then(
        (transcript) =>
          setOpened((current) =>
            current?.state === 'ready' && current.transcript.summary.id === id
              ? { state: 'ready', transcript, version: current.version + 1 }
              : current,
          ),
        // The session stays as it was shown; the next change or opening tries again.
        () => undefined,
      );
    },
    [client],
  );

  const deletedByPerson = useRef(new Set<string>());
  const [settled, setSettled] = useState<string | null>(null);
  const settledLine = useRef<HTMLParagraphElement>(null);

  // Words transcribed later are in the session now (or the audio is gone): read it again.
  useEffect(
    () =>
      waitingAudioNews.subscribe((status) => {
        if (status.transcribing) return;
        const text = settledText(status, deletedByPerson.current.has(status.sessionId));
        if (text) setSettled(text);
        loadList();
        reloadOpened(status.sessionId);
      }),
    [waitingAudioNews, loadList, reloadOpened],
  );

  // The controls that had the focus are gone with the audio: the sentence that says why takes it.
  useEffect(() => {
    const focused = document.activeElement;
    if (settled && (focused === null || focused === document.body)) settledLine.current?.focus();
  }, [settled]);
  const settledNotice = settled && (
    <p ref={settledLine} className="callout" role="status" tabIndex={-1} data-testid="waiting-audio-settled">
      {settled}
    </p>
  );
  const markDeleted = useCallback((sessionId: string) => {
    deletedByPerson.current.add(sessionId);
  }, []);
  const open = (summary: SessionSummary): void => {
    setOpened({ state: 'loading', summary });
    client.getHistorySession({ id: summary.id }).then(
      (transcript) => setOpened({ state: 'ready', transcript, version: 0 }),
      (error: unknown) => setOpened({ state: 'error', summary, message: userFacingErrorOf(error).message }),
    );
  };

  // Main gives a session's segments in timeline order, words transcribed later included.
  const openedSegments = opened?.state === 'ready' ? opened.transcript.segments : [];

  if (opened) {
    const summary = opened.state === 'ready' ? opened.transcript.summary : opened.summary;
    const waiting = waitingAudioOf(summary, waitingStatuses.get(summary.id));
    return (
      <div className="history-view">
        <div className="toolbar">
          <button type="button" data-testid="history-back" onClick={() => setOpened(null)} autoFocus>
            ← All sessions
          </button>
          <h1 className="history-title">
            {dateFormat.format(new Date(summary.startedAt))}
            <span className="muted"> · {formatDuration(summary.durationSeconds)}</span>
            {summary.interrupted && <span className="badge">interrupted</span>}
            {summary.damaged && <span className="badge damaged">damaged</span>}
          </h1>
          <span className="toolbar-spacer" />
          {opened.state === 'ready' && (
            <button
              type="button"
              data-testid="history-copy"
              onClick={() => void copyText(transcriptText(openedSegments))}
            >
              Copy all
            </button>
          )}
        </div>
        {settledNotice}
        {opened.state === 'loading' && <p className="muted">Opening…</p>}
        {opened.state === 'error' && (
          <p className="callout error" role="alert" data-testid="history-open-error">
            {opened.message}
          </p>
        )}
        {opened.state === 'ready' && opened.transcript.summary.damaged && (
          <p className="callout warning" data-testid="history-damaged-notice">
            {opened.transcript.summary.damaged.reason}
          </p>
        )}
        {waiting && (
          <WaitingAudioControls
            client={client}
            sessionId={summary.id}
            waiting={waiting}
            news={waitingAudioNews}
            onDeleteConfirmed={markDeleted}
          />
        )}
        {opened.state === 'ready' && (
          <div data-testid="history-transcript" className="history-transcript">
            <TranscriptView
              segments={openedSegments}
              version={opened.version}
              interim={null}
              textSize={textSize}
              followNewest={false}
              label="Saved transcript"
              emptyText="Nothing was transcribed in this session."
              testIdPrefix="history-"
            />
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="history-view">
      <h1>History</h1>
      {settledNotice}
      {listing.state === 'loading' && <p className="muted">Loading sessions…</p>}
      {listing.state === 'error' && (
        <p className="callout error" role="alert">
          {listing.message}
        </p>
      )}
      {listing.state === 'ready' && listing.sessions.length === 0 && (
        <p className="muted" data-testid="history-empty">
          No sessions yet. Transcripts appear here after you press Start.
        </p>
      )}
      {listing.state === 'ready' && listing.sessions.length > 0 && (
        <ul className="history-list" data-testid="history-list">
          {listing.sessions.map((session) => {
            const waiting = waitingAudioOf(session, waitingStatuses.get(session.id));
            return (
              <HistoryItem key={session.id} session={session} onOpen={() => open(session)} waiting={waiting}>
                {waiting && (
                  <WaitingAudioControls
                    client={client}
                    sessionId={session.id}
                    waiting={waiting}
                    news={waitingAudioNews}
                    onDeleteConfirmed={markDeleted}
                  />
                )}
              </HistoryItem>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function HistoryItem(props: {
  session: SessionSummary;
  onOpen: () => void;
  waiting: WaitingAudio | null;
  /** The waiting audio's controls, beside the item's button (never inside it). */
  children?: ReactNode;
}): ReactNode {
  const { session, onOpen, waiting, children } = props;
  const reasonId = `damaged-${session.id}`;
  const nothingReadable = session.damaged !== null && session.segmentCount === 0;
  return (
    <li>
      <button
        type="button"
        className="history-item"
        data-testid="history-item"
        data-session-id={session.id}
        data-damaged={session.damaged !== null}
        aria-describedby={
          [session.damaged ? reasonId : null, waiting ? waitingAudioLineId(session.id) : null]
            .filter((id) => id !== null)
            .join(' ') || undefined
        }
        data-waiting-audio={waiting !== null}
        onClick={onOpen}
      >
        <span className="history-date">{dateFormat.format(new Date(session.startedAt))}</span>
        <span className="history-duration">{formatDuration(session.durationSeconds)}</span>
        <span className="history-badges">
          {session.interrupted && (
            <span className="badge" data-testid="interrupted-badge">
              interrupted
            </span>
          )}
          {session.damaged && (
            <span className="badge damaged" data-testid="damaged-badge">
              damaged
            </span>
          )}
        </span>
        <span className="history-words">
          {nothingReadable ? 'Nothing could be read' : session.firstWords || 'No words transcribed'}
        </span>
      </button>
      {session.damaged && (
        <p id={reasonId} className="history-damaged-reason" data-testid="history-damaged-reason">
          {session.damaged.reason}
        </p>
      )}
      {children}
    </li>
  );
}
