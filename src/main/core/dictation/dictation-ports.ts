/**
 * What the dictation machine needs from the rest of the app, as interfaces: the glue gives it
 * the live session, an inserter for the platform, the clipboard, notifications and timers.
 */
import type { DictationInsertion } from '../../../shared/settings';
import type { JoinPreferences } from './text-joining';

/** What a dictation's session tells the machine while it runs. */
export interface DictationSessionEvents {
  /** A final segment of this dictation (interim results never reach the machine). */
  finalSegment(text: string): void;
  /** The session ended by itself (a failure it could not recover from): a plain sentence. */
  ended(reason: string): void;
}

/**
 * One dictation's live session. start() must begin capturing audio before it returns (the
 * connection may open later: the audio is kept and replayed), so nothing said after the key
 * press is clipped. Its errors carry a plain sentence as their message.
 */
export interface DictationSession {
  start(events: DictationSessionEvents): Promise<void>;
  /** Stops capturing and resolves once the last final segments have been delivered. */
  stop(): Promise<void>;
  /** Stops at once; what arrives afterwards is dropped. */
  cancel(): Promise<void>;
}

export type InsertionResult = { inserted: true } | { inserted: false; reason: string };

/** Puts text into the focused app. A refusal carries a plain sentence saying why. */
export interface TextInserter {
  insert(text: string): Promise<InsertionResult>;
}

export type DictationNoticeKind =
  'copied-instead' | 'not-copied' | 'session-failed' | 'session-ended' | 'nothing-to-paste';

/** Something the person must hear about: the glue shows it as a notification. */
export interface DictationNotice {
  kind: DictationNoticeKind;
  message: string;
}

export interface DictationOptions {
  /** A press held at least this long is hold-to-talk; a shorter one toggles. */
  holdThresholdMs: number;
  /** Insert the whole dictation when it stops, or each final segment as it arrives. */
  insertion: DictationInsertion;
  join: JoinPreferences;
}

export interface DictationTimers {
  /** Milliseconds on a clock that only moves forward. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type DictationPhase =
  /** Nothing happening. */
  | 'idle'
  /** The key is down, not yet long enough to be a hold: listening already. */
  | 'pressed'
  /** Hold-to-talk: listening until the key is released. */
  | 'holding'
  /** Toggled on by a tap: listening until the next press. */
  | 'latched'
  /** Stopped: waiting for the last words, then inserting. */
  | 'finishing';

/**
 * Where a dictation's words and notices go, and the clock it runs on: the glue gives these to
 * the dictation service, which hands them to the machine.
 */
export interface DictationOutlets {
  inserter: TextInserter;
  /** Where the text goes when it cannot be inserted. */
  copyToClipboard(text: string): Promise<void>;
  notify(notice: DictationNotice): void;
  timers: DictationTimers;
  onPhase?(phase: DictationPhase): void;
}

export interface DictationMachineDeps extends DictationOutlets {
  session: DictationSession;
  /** Read at the start of each dictation, so a change applies to the next one. */
  options(): DictationOptions;
}
