/**
 * The list of sessions, newest first, virtualized (VirtualRows renders only the rows near the
 * viewport once there are many), each with Rename (inline) and Delete beside its open button.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { sessionTitleMaxLength, type SessionSummary } from '../../shared/history';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { formatDuration } from '../ui/format-duration';
import { VirtualRows } from '../ui/VirtualRows';
import { sessionDate } from './session-date';
import { waitingAudioOf, type WaitingAudio } from './waiting-audio';
import type { ListRows } from './useSessionList';
import { WaitingAudioControls, waitingAudioLineId, type WaitingAudioShared } from './WaitingAudioControls';

interface HistoryListProps extends ListRows {
  client: EarshotClient;
  sessions: readonly SessionSummary[];
  waitingAudio: WaitingAudioShared;
  onOpen(session: SessionSummary): void;
}

export function HistoryList(props: HistoryListProps): ReactNode {
  const { client, sessions, version, waitingAudio, onOpen, onRenamed, onDelete } = props;
  const [renaming, setRenaming] = useState<string | null>(null);
  const rowKey = useCallback((index: number) => sessions[index]?.id ?? String(index), [sessions]);
  const renderRow = useCallback(
    (index: number) => {
      const session = sessions[index]!;
      const waiting = waitingAudioOf(session, waitingAudio.statuses.get(session.id));
      return (
        <HistoryItem
          session={session}
          waiting={waiting}
          onOpen={() => onOpen(session)}
          actions={
            renaming === session.id ? (
              <RenameForm
                client={client}
                session={session}
                onDone={(renamed) => {
                  setRenaming(null);
                  if (renamed) onRenamed(renamed);
                }}
              />
            ) : (
              <span className="history-actions">
                <button
                  type="button"
                  data-testid="history-rename"
                  aria-label={`Rename the session of ${sessionDate(session.startedAt)}`}
                  onClick={() => setRenaming(session.id)}
                >
                  Rename
                </button>
                <button
                  type="button"
                  data-testid="history-delete"
                  aria-label={`Delete the session of ${sessionDate(session.startedAt)}`}
                  onClick={() => onDelete(session)}
                >
                  Delete
                </button>
              </span>
            )
          }
        >
          {waiting && <WaitingAudioControls shared={waitingAudio} sessionId={session.id} waiting={waiting} />}
        </HistoryItem>
      );
    },
    [sessions, waitingAudio, renaming, client, onOpen, onRenamed, onDelete],
  );
  return (
    <div className="history-sessions">
      <VirtualRows
        count={sessions.length}
        version={version}
        rowKey={rowKey}
        renderRow={renderRow}
        layoutKey="history"
        followNewest={false}
        rowsTestId="history-list"
        label="Sessions"
      />
    </div>
  );
}

function RenameForm(props: {
  client: EarshotClient;
  session: SessionSummary;
  onDone(renamed: SessionSummary | null): void;
}): ReactNode {
  const { client, session, onDone } = props;
  const [title, setTitle] = useState(session.title ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = (): void => {
    client
      .renameSession({ id: session.id, title })
      .then(onDone, (error: unknown) => setProblem(userFacingErrorOf(error).message));
  };
  return (
    <form
      className="history-rename"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <input
        data-testid="history-rename-input"
        aria-label="Session name (leave empty to show its first words)"
        value={title}
        maxLength={sessionTitleMaxLength}
        autoFocus
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone(null);
        }}
      />
      <button type="submit" data-testid="history-rename-save">
        Save
      </button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
      {problem && (
        <span className="history-rename-problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}

function HistoryItem(props: {
  session: SessionSummary;
  onOpen: () => void;
  waiting: WaitingAudio | null;
  actions: ReactNode;
  /** The waiting audio's controls, beside the item's button (never inside it). */
  children?: ReactNode;
}): ReactNode {
  const { session, onOpen, waiting, actions, children } = props;
  const reasonId = `damaged-${session.id}`;
  const nothingReadable = session.damaged !== null && session.segmentCount === 0;
  return (
    <div className="history-row">
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
        <span className="history-date">{sessionDate(session.startedAt)}</span>
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
        <span className={session.title ? 'history-words history-named' : 'history-words'}>
          {session.title ??
            (nothingReadable ? 'Nothing could be read' : session.firstWords || 'No words transcribed')}
        </span>
      </button>
      {actions}
      {session.damaged && (
        <p id={reasonId} className="history-damaged-reason" data-testid="history-damaged-reason">
          {session.damaged.reason}
        </p>
      )}
      {children}
    </div>
  );
}
