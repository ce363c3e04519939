/**
 * History as the person manages it: search, rename, delete with undo, retention, and "Keep
 * history" off.
 *
 * - Delete hides the session at once; it is deleted for good `undoWindowMs` later (and at the
 *   next start, or when the app quits), unless restored first. Its waiting audio is deleted at
 *   once: audio is never transcribed into a session the person deleted.
 * - Retention deletes sessions that ended more than the chosen days ago, at start, daily and
 *   when the setting changes; a running session never.
 * - With "Keep history" off, a session started is never written: no row, no words, and no
 *   waiting audio either (its words would have nowhere to go), so audio Deepgram could not
 *   take in time is lost, and the live view says so.
 */
import type { HistorySearchHit, SessionSummary, TranscriptStorageInfo } from '../../../shared/history';
import type { Settings } from '../../../shared/settings';
import type { TranscriptSegment } from '../../../shared/transcript';
import { errorName, type Logger } from '../logger';
import type { RequestBudget } from '../request-budget';
import type { WaitingAudioKeeper } from '../session/audio-spill';
import type { SessionTimers } from '../session/session-tuning';
import type { SessionTranscriptStore } from '../session/transcript-sink';
import type { AudioJournal } from '../waiting-audio/audio-journal';
import type { TranscriptStore } from './transcript-store';

/** The window's Undo bar shows for about 8 s; the session stays restorable a little longer. */
export const undoWindowMs = 15_000;
const dayMs = 24 * 60 * 60 * 1000;

export interface HistoryServiceDeps {
  store: TranscriptStore;
  settings: { current(): Settings; onChange(listener: (settings: Settings) => void): () => void };
  discardWaitingAudio(sessionId: string): Promise<unknown>;
  /** Search runs on every keystroke (debounced by the window); changes write to disk. */
  budgets: { search: RequestBudget; changes: RequestBudget };
  timers: SessionTimers;
  now: () => number;
  log: Logger;
}

export interface HistoryService {
  /** What a session writes through: nothing at all while "Keep history" is off. */
  sessionStore: SessionTranscriptStore;
  /** Kept audio of a session that is not recorded is not kept either. */
  keeperFor(inner: Required<WaitingAudioKeeper>): Required<WaitingAudioKeeper>;
  searchHistory(request: { query: string }): Promise<HistorySearchHit[]>;
  renameSession(request: { id: string; title: string }): Promise<SessionSummary>;
  deleteSession(request: { id: string }): Promise<SessionSummary>;
  restoreSession(request: { id: string }): Promise<SessionSummary>;
  renameSpeaker(request: { id: string; speakerKey: string; name: string }): Promise<Record<string, string>>;
  getStorageInfo(): Promise<TranscriptStorageInfo>;
  /** Deletes what the retention setting says has expired; returns the ids deleted. */
  applyRetention(): Promise<string[]>;
  dispose(): Promise<void>;
}

export function createHistoryService(deps: HistoryServiceDeps): HistoryService {
  const { store, settings, timers, log } = deps;
  const unrecorded = new Set<string>();
  const purgeTimers = new Set<unknown>();
  let retentionTimer: unknown = null;
  let disposed = false;

  async function purge(upToMs: number): Promise<void> {
    try {
      await store.purgeDeleted(upToMs);
    } catch (error) {
      log.error('could not delete sessions for good', { errorName: errorName(error) });
    }
  }

  async function applyRetention(): Promise<string[]> {
    const days = settings.current().historyRetentionDays;
    if (days === null) return [];
    try {
      const ids = await store.deleteExpired(deps.now() - days * dayMs);
      for (const id of ids) await deps.discardWaitingAudio(id);
      if (ids.length > 0) log.info('expired sessions deleted', { count: ids.length, days });
      return ids;
    } catch (error) {
      log.error('could not apply history retention', { errorName: errorName(error) });
      return [];
    }
  }

  function scheduleDaily(): void {
    if (disposed) return;
    retentionTimer = timers.setTimeout(() => {
      void applyRetention().finally(scheduleDaily);
    }, dayMs);
    // A day-long wait must not keep a process alive that has nothing else to do.
    (retentionTimer as { unref?: () => void } | null)?.unref?.();
  }

  // Deleted in the last run and not restored: gone now. Then whatever has expired.
  void purge(Number.MAX_SAFE_INTEGER).then(applyRetention);
  scheduleDaily();
  let retentionDays = settings.current().historyRetentionDays;
  const stopListening = settings.onChange((next) => {
    if (next.historyRetentionDays === retentionDays) return;
    retentionDays = next.historyRetentionDays;
    void applyRetention();
  });

  const noJournal = (start: number): AudioJournal => {
    let end = start;
    return {
      get endPosition() {
        return end;
      },
      append: (data) => {
        end += data.byteLength;
      },
      discard: async () => undefined,
    };
  };

  return {
    sessionStore: {
      async beginSession(id: string, startedAt: Date) {
        if (!settings.current().keepHistory) {
          unrecorded.add(id);
          log.info('session not recorded: history is off');
          return;
        }
        await store.beginSession(id, startedAt);
      },
      async appendFinal(id: string, segment: TranscriptSegment) {
        if (!unrecorded.has(id)) await store.appendFinal(id, segment);
      },
      async endSession(id: string, endedAt: Date) {
        if (!unrecorded.delete(id)) await store.endSession(id, endedAt);
      },
    },

    keeperFor: (inner) => ({
      keep: async (sessionId, offsetBytes, frames) =>
        unrecorded.has(sessionId) ? 0 : inner.keep(sessionId, offsetBytes, frames),
      openJournal: (sessionId, offsetBytes) =>
        unrecorded.has(sessionId) ? noJournal(offsetBytes) : inner.openJournal(sessionId, offsetBytes),
    }),

    async searchHistory({ query }) {
      deps.budgets.search.spend();
      return store.search(query);
    },

    async renameSession({ id, title }) {
      deps.budgets.changes.spend();
      return store.rename(id, title);
    },

    async deleteSession({ id }) {
      deps.budgets.changes.spend();
      const deletedAt = deps.now();
      const summary = await store.delete(id, deletedAt);
      await deps.discardWaitingAudio(id);
      const timer = timers.setTimeout(() => {
        purgeTimers.delete(timer);
        void purge(deletedAt);
      }, undoWindowMs);
      purgeTimers.add(timer);
      return summary;
    },

    async restoreSession({ id }) {
      deps.budgets.changes.spend();
      return store.restore(id);
    },

    async renameSpeaker({ id, speakerKey, name }) {
      deps.budgets.changes.spend();
      return store.renameSpeaker(id, speakerKey, name);
    },

    async getStorageInfo() {
      return { ...(await store.storageInfo()), keepHistory: settings.current().keepHistory };
    },

    applyRetention,

    async dispose() {
      disposed = true;
      stopListening();
      if (retentionTimer !== null) timers.clearTimeout(retentionTimer);
      for (const timer of purgeTimers) timers.clearTimeout(timer);
      purgeTimers.clear();
      // Deleted is deleted: no undo survives a quit.
      await purge(Number.MAX_SAFE_INTEGER);
    },
  };
}
