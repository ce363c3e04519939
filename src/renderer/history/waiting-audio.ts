/**
 * What History says about a session's audio that waits to be transcribed. Main's latest
 * WaitingAudioStatus (an answer or an onWaitingAudio event) is newer than the summary the
 * list was read with, so it wins.
 */
import type { SessionSummary, WaitingAudioStatus } from '../../shared/history';

export interface WaitingAudio {
  seconds: number;
  transcribing: boolean;
  problem: string | null;
}

/** Null when nothing waits and there is nothing to say about it. */
export function waitingAudioOf(
  summary: SessionSummary,
  status: WaitingAudioStatus | undefined,
): WaitingAudio | null {
  const waiting: WaitingAudio = status
    ? { seconds: status.waitingAudioSeconds, transcribing: status.transcribing, problem: status.problem }
    : { seconds: summary.waitingAudioSeconds, transcribing: false, problem: null };
  const nothingToSay = waiting.seconds <= 0 && !waiting.transcribing && waiting.problem === null;
  return nothingToSay ? null : waiting;
}

/** "12 s", "2.5 s", "1 min 30 s": a decimal only where it matters. */
export function secondsText(seconds: number): string {
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toString()} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export function notYetTranscribedText(seconds: number): string {
  return `${secondsText(seconds)} not yet transcribed`;
}

/**
 * What to say once a session's waiting audio is gone, as its controls disappear; null while
 * any waits, runs or failed.
 */
export function settledText(status: WaitingAudioStatus, deletedByPerson: boolean): string | null {
  if (status.transcribing || status.waitingAudioSeconds > 0 || status.problem !== null) return null;
  return deletedByPerson
    ? 'Waiting audio deleted: those words will not be transcribed.'
    : 'The waiting audio is transcribed: its words are in the session, marked “transcribed later”.';
}
