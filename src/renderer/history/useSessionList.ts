/**
 * History's list of sessions as the window knows it: read from main, renamed and deleted in
 * place, with Undo for the last deletion and a sentence when main refuses.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SessionSummary } from '../../shared/history';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';

export type Listing =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; sessions: SessionSummary[] };

/** What the list of rows itself needs. */
export interface ListRows {
  /** Changes whenever any row's content changes. */
  version: number;
  onRenamed(session: SessionSummary): void;
  onDelete(session: SessionSummary): void;
}

export interface SessionList {
  listing: Listing;
  rows: ListRows;
  /** Reads the list again; the function returned forgets the answer. */
  load(): () => void;
  /** The session just deleted, while Undo is offered. */
  deleted: SessionSummary | null;
  clearDeleted(): void;
  undo(session: SessionSummary): void;
  problem: string | null;
}

/** `markDeleted` hears of a deletion before main is asked (its waiting audio goes with it). */
export function useSessionList(client: EarshotClient, markDeleted: (sessionId: string) => void): SessionList {
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  const [deleted, setDeleted] = useState<SessionSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback((): (() => void) => {
    let cancelled = false;
    client.listHistory().then(
      (sessions) => {
        if (cancelled) return;
        setListing({ state: 'ready', sessions });
        setVersion((current) => current + 1);
      },
      (error: unknown) =>
        !cancelled && setListing({ state: 'error', message: userFacingErrorOf(error).message }),
    );
    return () => {
      cancelled = true;
    };
  }, [client]);
  useEffect(load, [load]);

  const onRenamed = useCallback((summary: SessionSummary) => {
    setListing((current) =>
      current.state === 'ready'
        ? {
            state: 'ready',
            sessions: current.sessions.map((each) => (each.id === summary.id ? summary : each)),
          }
        : current,
    );
    setVersion((current) => current + 1);
  }, []);
  const onDelete = useCallback(
    (summary: SessionSummary) => {
      setProblem(null);
      // Its waiting audio goes with it: the news that it is gone must not read as "transcribed".
      markDeleted(summary.id);
      client.deleteSession({ id: summary.id }).then(
        () => {
          setDeleted(summary);
          load();
        },
        (error: unknown) => setProblem(userFacingErrorOf(error).message),
      );
    },
    [client, load, markDeleted],
  );
  const clearDeleted = useCallback(() => setDeleted(null), []);
  const undo = (summary: SessionSummary): void => {
    setDeleted(null);
    client.restoreSession({ id: summary.id }).then(
      () => load(),
      (error: unknown) => setProblem(userFacingErrorOf(error).message),
    );
  };

  return { listing, rows: { version, onRenamed, onDelete }, load, deleted, clearDeleted, undo, problem };
}
