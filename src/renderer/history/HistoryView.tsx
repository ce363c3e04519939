import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { HistorySearchHit, SessionSummary, SessionTranscript } from '../../shared/history';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { copyText } from '../ui/copy-text';
import { ExportControls } from '../export/ExportControls';
import { formatDuration } from '../ui/format-duration';
import { TranscriptView } from '../ui/TranscriptView';
import { historySpeakerRenamer } from './speaker-rename';
import { transcriptText } from '../ui/transcript-text';
import { DeletedBar } from './DeletedBar';
import { HistoryList } from './HistoryList';
import { HistoryOffNotice } from './HistoryOffNotice';
import { HistorySearch } from './HistorySearch';
import { sessionDate } from './session-date';
import { settledText, waitingAudioOf } from './waiting-audio';
import type { WaitingAudioNews } from './waiting-audio-news';
import { WaitingAudioControls } from './WaitingAudioControls';

interface HistoryViewProps {
  client: EarshotClient;
  textSize: number;
  waitingAudioNews: WaitingAudioNews;
}

type Listing =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; sessions: SessionSummary[] };
/** `focusSegmentId`: opened from a search result, scrolled to the segment that matched. */
type Opened = { focusSegmentId: string | null } & (
  | { state: 'loading'; summary: SessionSummary }
  | { state: 'error'; summary: SessionSummary; message: string }
  | { state: 'ready'; transcript: SessionTranscript; version: number }
);

/** What a search result knows of its session, until the session itself is read. */
function summaryOfHit(hit: HistorySearchHit): SessionSummary {
  return {
    id: hit.sessionId,
    startedAt: hit.sessionStartedAt,
    endedAt: null,
    durationSeconds: 0,
    firstWords: '',
    segmentCount: 0,
    interrupted: false,
    damaged: null,
    waitingAudioSeconds: 0,
    title: hit.sessionTitle,
  };
}

export function HistoryView(props: HistoryViewProps): ReactNode {
  const { client, textSize, waitingAudioNews } = props;
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [listVersion, setListVersion] = useState(0);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [query, setQuery] = useState('');
  const [deleted, setDeleted] = useState<SessionSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [keepHistory, setKeepHistory] = useState<boolean | null>(null);
  const waitingStatuses = useSyncExternalStore(waitingAudioNews.subscribe, waitingAudioNews.getSnapshot);

  const loadList = useCallback((): (() => void) => {
    let cancelled = false;
    client.listHistory().then(
      (sessions) => {
        if (cancelled) return;
        setListing({ state: 'ready', sessions });
        setListVersion((version) => version + 1);
      },
      (error: unknown) =>
        !cancelled && setListing({ state: 'error', message: userFacingErrorOf(error).message }),
    );
    return () => {
      cancelled = true;
    };
  }, [client]);

  useEffect(loadList, [loadList]);
  useEffect(() => {
    client.getSettings().then(
      ({ settings }) => setKeepHistory(settings.keepHistory),
      () => undefined,
    );
  }, [client]);

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
              ? { ...current, transcript, version: current.version + 1 }
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
  const renamed = useCallback((summary: SessionSummary) => {
    setListing((current) =>
      current.state === 'ready'
        ? {
            state: 'ready',
            sessions: current.sessions.map((each) => (each.id === summary.id ? summary : each)),
          }
        : current,
    );
    setListVersion((version) => version + 1);
  }, []);
  const remove = useCallback(
    (summary: SessionSummary) => {
      setProblem(null);
      // Its waiting audio goes with it: the news that it is gone must not read as "transcribed".
      markDeleted(summary.id);
      client.deleteSession({ id: summary.id }).then(
        () => {
          setDeleted(summary);
          loadList();
        },
        (error: unknown) => setProblem(userFacingErrorOf(error).message),
      );
    },
    [client, loadList, markDeleted],
  );
  const clearDeleted = useCallback(() => setDeleted(null), []);
  const undo = (summary: SessionSummary): void => {
    setDeleted(null);
    client.restoreSession({ id: summary.id }).then(
      () => loadList(),
      (error: unknown) => setProblem(userFacingErrorOf(error).message),
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
            {query.trim() ? '← Search results' : '← All sessions'}
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
              onClick={() => void copyText(transcriptText(openedSegments, opened.transcript.speakerNames))}
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
        {opened.state === 'ready' && <ExportControls client={client} sessionId={summary.id} />}
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
              speakerNames={opened.transcript.speakerNames}
              onRenameSpeaker={historySpeakerRenamer(
                client,
                opened.transcript.summary.id,
                (id, speakerNames) =>
                  setOpened((current) =>
                    current?.state === 'ready' && current.transcript.summary.id === id
                      ? {
                          ...current,
                          transcript: { ...current.transcript, speakerNames },
                          version: current.version + 1,
                        }
                      : current,
                  ),
              )}
              scrollToSegmentId={opened.focusSegmentId}
            />
          </div>
        )}
      </div>
    );
  }

  const searching = query.trim() !== '';
  return (
    <div className="history-view">
      <h1>History</h1>
      <HistoryOffNotice keepHistory={keepHistory} />
      {settledNotice}
      {deleted && (
        <DeletedBar
          name={deleted.title ?? (deleted.firstWords || sessionDate(deleted.startedAt))}
          onUndo={() => undo(deleted)}
          onExpire={clearDeleted}
        />
      )}
      {problem && (
        <p className="callout error" role="alert" data-testid="history-problem">
          {problem}
        </p>
      )}
      <HistorySearch
        client={client}
        query={query}
        onQuery={setQuery}
        onOpen={(hit) => open(summaryOfHit(hit), hit.segmentId)}
        version={listVersion}
      />
      {!searching && listing.state === 'loading' && <p className="muted">Loading sessions…</p>}
      {!searching && listing.state === 'error' && (
        <p className="callout error" role="alert">
          {listing.message}
        </p>
      )}
      {!searching && listing.state === 'ready' && listing.sessions.length === 0 && (
        <p className="muted" data-testid="history-empty">
          No sessions yet. Transcripts appear here after you press Start.
        </p>
      )}
      {!searching && listing.state === 'ready' && listing.sessions.length > 0 && (
        <HistoryList
          client={client}
          sessions={listing.sessions}
          version={listVersion}
          waitingStatuses={waitingStatuses}
          waitingAudioNews={waitingAudioNews}
          onOpen={open}
          onRenamed={renamed}
          onDelete={remove}
          onWaitingAudioDeleted={markDeleted}
        />
      )}
    </div>
  );
}
