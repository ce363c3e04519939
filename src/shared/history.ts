import type { TranscriptSegment } from './transcript';

/**
 * A session id is exactly what main generates: the start time in UTC with `:` and `.` turned
 * into `-`, then six lowercase hex digits, e.g. `2026-11-27T09-00-00-000Z-3fa9c1`. The id
 * names a file on disk and arrives back from the window, so the IPC contract and the store
 * accept this shape only, and with it no name a file system treats specially (`CON`, `NUL`,
 * `COM1`, `..`).
 */
export const sessionIdPattern =
  /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3])-[0-5][0-9]-[0-5][0-9]-[0-9]{3}Z-[0-9a-f]{6}$/;
export const sessionIdLength = 31;
export const sessionIdRandomHexDigits = 6;

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && value.length === sessionIdLength && sessionIdPattern.test(value);
}

/** The one way ids are made; randomHex comes from the caller (main has node:crypto, this file may not). */
export function formatSessionId(startedAt: Date, randomHex: string): string {
  const id = `${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomHex}`;
  // A clock outside years 0000–9999 or a malformed random part must not produce an id nobody can open.
  if (!isSessionId(id)) throw new RangeError('cannot make a session id from this time and random part');
  return id;
}

/** The start time an id records; used when the file itself cannot say. */
export function sessionStartOf(id: string): string | null {
  if (!isSessionId(id)) return null;
  const [date, time] = id.slice(0, 24).split('T') as [string, string];
  const [hours, minutes, seconds, millis] = time.slice(0, -1).split('-');
  const iso = `${date}T${hours}:${minutes}:${seconds}.${millis}Z`;
  const parsed = new Date(iso);
  // Date rolls impossible days over (Feb 31 → Mar 3); such an id was never generated.
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString() !== iso) return null;
  return iso;
}

export interface SessionSummary {
  id: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number;
  firstWords: string;
  segmentCount: number;
  /** True when the app stopped (crash, kill) before the session was stopped. */
  interrupted: boolean;
  /**
   * Set when the session's file could not be read whole: the plain sentence says what
   * happened and that the file was kept. Segments that could be read are still counted.
   */
  damaged: { reason: string } | null;
  /** Seconds of audio kept on disk, not yet transcribed (Deepgram could not be reached). */
  waitingAudioSeconds: number;
  /** The name the person gave the session; null shows its first words instead. */
  title: string | null;
}

/** What main is doing with a session's audio that waits to be transcribed. */
export interface WaitingAudioStatus {
  sessionId: string;
  waitingAudioSeconds: number;
  transcribing: boolean;
  /** Why the last attempt did not finish, as a sentence; null when it did or none was made. */
  problem: string | null;
}

export interface SessionTranscript {
  summary: SessionSummary;
  segments: TranscriptSegment[];
  /** Names the person gave speakers in this session, by opaque speaker key (e.g. "0"). */
  speakerNames: Record<string, string>;
}

/** Longest session title and speaker name main accepts. */
export const sessionTitleMaxLength = 200;
export const speakerNameMaxLength = 100;
export const speakerKeyMaxLength = 64;
/** Longest search text main accepts. */
export const searchQueryMaxLength = 200;

/** A piece of a search result's snippet: the words that matched are marked. */
export interface SnippetSpan {
  text: string;
  match: boolean;
}

/** One place a search found, best first. */
export interface HistorySearchHit {
  sessionId: string;
  sessionStartedAt: string;
  sessionTitle: string | null;
  /** The segment that matched, to open the session scrolled to it. */
  segmentId: string;
  /** Seconds from the session's start. */
  segmentStart: number;
  snippet: SnippetSpan[];
}

/** Where transcripts are kept and how much space they take. */
export interface TranscriptStorageInfo {
  directory: string;
  bytes: number;
  sessionCount: number;
  /** False when the setting "Keep history" is off: new sessions are not written. */
  keepHistory: boolean;
}

/** The retention choices: keep forever (null) or delete sessions that ended this many days ago. */
export const historyRetentionDayCounts = [7, 30, 90] as const;
export const historyRetentionChoices = [null, ...historyRetentionDayCounts] as const;
export type HistoryRetentionDays = (typeof historyRetentionChoices)[number];
