import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { HistorySearchHit, SessionSummary } from '../../shared/history';
import type { EarshotClient } from '../bridge/earshot-client';
import { Callout } from '../ui/Callout';
import { DeletedBar } from './DeletedBar';
import { HistoryList } from './HistoryList';
import { HistoryOffNotice } from './HistoryOffNotice';
import { HistorySearch } from './HistorySearch';
import { OpenedSession, useOpenedSession } from './OpenedSession';
import { sessionDate } from './session-date';
import { useSessionList } from './useSessionList';
import { settledText } from './waiting-audio';
import type { WaitingAudioNews } from './waiting-audio-news';
import type { WaitingAudioShared } from './WaitingAudioControls';

interface HistoryViewProps {
  client: EarshotClient;
  textSize: number;
  waitingAudioNews: WaitingAudioNews;
}

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
  const { client, waitingAudioNews } = props;
  const [query, setQuery] = useState('');
  const [keepHistory, setKeepHistory] = useState<boolean | null>(null);
  const waitingStatuses = useSyncExternalStore(waitingAudioNews.subscribe, waitingAudioNews.getSnapshot);

  useEffect(() => {
    client.getSettings().then(
      ({ settings }) => setKeepHistory(settings.keepHistory),
      () => undefined,
    );
  }, [client]);

  const deletedByPerson = useRef(new Set<string>());
  const markDeleted = useCallback((sessionId: string) => {
    deletedByPerson.current.add(sessionId);
  }, []);
  const list = useSessionList(client, markDeleted);
  const session = useOpenedSession(client);
  const waitingAudio = useMemo<WaitingAudioShared>(
    () => ({ client, statuses: waitingStatuses, news: waitingAudioNews, onDeleteConfirmed: markDeleted }),
    [client, waitingStatuses, waitingAudioNews, markDeleted],
  );

  const [settled, setSettled] = useState<string | null>(null);
  const settledLine = useRef<HTMLParagraphElement>(null);
  const { load: loadList } = list;
  const { reload: reloadOpened } = session;
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

  const searching = query.trim() !== '';
  if (session.opened) {
    return (
      <OpenedSession
        {...props}
        opened={session.opened}
        session={session}
        waitingAudio={waitingAudio}
        fromSearch={searching}
        notice={settledNotice}
      />
    );
  }

  const { listing, deleted, problem } = list;
  return (
    <div className="history-view">
      <h1>History</h1>
      <HistoryOffNotice keepHistory={keepHistory} />
      {settledNotice}
      {deleted && (
        <DeletedBar
          name={deleted.title ?? (deleted.firstWords || sessionDate(deleted.startedAt))}
          onUndo={() => list.undo(deleted)}
          onExpire={list.clearDeleted}
        />
      )}
      <Callout kind="error" testId="history-problem" text={problem} />
      <HistorySearch
        client={client}
        query={query}
        onQuery={setQuery}
        onOpen={(hit) => session.open(summaryOfHit(hit), hit.segmentId)}
        version={list.rows.version}
      />
      {!searching && listing.state === 'loading' && <p className="muted">Loading sessions…</p>}
      {!searching && listing.state === 'error' && <Callout kind="error" text={listing.message} />}
      {!searching && listing.state === 'ready' && listing.sessions.length === 0 && (
        <p className="muted" data-testid="history-empty">
          No sessions yet. Transcripts appear here after you press Start.
        </p>
      )}
      {!searching && listing.state === 'ready' && listing.sessions.length > 0 && (
        <HistoryList
          {...list.rows}
          client={client}
          sessions={listing.sessions}
          waitingAudio={waitingAudio}
          onOpen={session.open}
        />
      )}
    </div>
  );
}
