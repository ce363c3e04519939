/**
 * The search box and its results: typed text is searched after a short pause, results show the
 * session, the time within it and the matched words marked; a result opens the session there.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { searchQueryMaxLength, type HistorySearchHit } from '../../shared/history';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { formatDuration } from '../ui/format-duration';
import { sessionDate } from './session-date';
import { Callout } from '../ui/Callout';

/** Typing pauses this long before a search is sent (each keystroke would otherwise be one). */
export const searchDebounceMs = 150;

type Results =
  | { state: 'idle' }
  | { state: 'searching'; query: string }
  | { state: 'ready'; query: string; hits: HistorySearchHit[] }
  | { state: 'error'; query: string; message: string };

export function HistorySearch(props: {
  client: EarshotClient;
  query: string;
  onQuery(query: string): void;
  onOpen(hit: HistorySearchHit): void;
  /** Bumped when sessions change (renamed, deleted, restored): the results are read again. */
  version: number;
}): ReactNode {
  const { client, query, onQuery, onOpen, version } = props;
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const resultsId = useId();

  useEffect(() => {
    if (query.trim() === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      setResults((current) => (current.state === 'ready' ? current : { state: 'searching', query }));
      client.searchHistory({ query }).then(
        (hits) => !cancelled && setResults({ state: 'ready', query, hits }),
        (error: unknown) =>
          !cancelled && setResults({ state: 'error', query, message: userFacingErrorOf(error).message }),
      );
    }, searchDebounceMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, query, version]);

  return (
    <div className="history-search" role="search">
      <label htmlFor={`${resultsId}-box`} className="visually-hidden">
        Search all sessions
      </label>
      <input
        id={`${resultsId}-box`}
        type="search"
        data-testid="history-search"
        placeholder="Search all sessions"
        value={query}
        maxLength={searchQueryMaxLength}
        aria-controls={query ? resultsId : undefined}
        onChange={(event) => onQuery(event.target.value)}
      />
      {query.trim() !== '' && (
        <div id={resultsId} className="history-search-results">
          <p className="muted" role="status" data-testid="history-search-status">
            {statusText(results.state !== 'idle' && results.query === query ? results : { state: 'idle' })}
          </p>
          {results.state === 'error' && <Callout kind="error" text={results.message} />}
          {results.state === 'ready' && results.hits.length > 0 && (
            <ul className="history-list" data-testid="history-search-results">
              {results.hits.map((hit) => (
                <li key={`${hit.sessionId}/${hit.segmentId}`}>
                  <button
                    type="button"
                    className="history-item search-hit"
                    data-testid="history-search-hit"
                    data-session-id={hit.sessionId}
                    data-segment-id={hit.segmentId}
                    onClick={() => onOpen(hit)}
                  >
                    <span className="history-date">
                      {hit.sessionTitle ?? sessionDate(hit.sessionStartedAt)}
                    </span>
                    <span className="history-duration">at {formatDuration(hit.segmentStart)}</span>
                    <span className="history-words snippet">
                      {hit.snippet.map((span, index) =>
                        span.match ? (
                          <mark key={index}>{span.text}</mark>
                        ) : (
                          <span key={index}>{span.text}</span>
                        ),
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function statusText(results: Results): string {
  switch (results.state) {
    case 'idle':
    case 'searching':
      return 'Searching…';
    case 'error':
      return 'The search did not finish.';
    case 'ready':
      return results.hits.length === 0
        ? 'Nothing found. Check the spelling, or try fewer words.'
        : `${results.hits.length === 1 ? 'One place' : `${results.hits.length} places`} found, best first.`;
  }
}
