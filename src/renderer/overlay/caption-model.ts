/**
 * What the overlay shows: the latest final segments and the interim one after them. The window
 * shows only its last few lines (CSS clips the rest), so only the newest segments are kept.
 * A new session starts with a clean slate.
 */
import type { SessionPhase } from '../../shared/session-state';
import type { TranscriptSegment } from '../../shared/transcript';

/** More than four lines of even the smallest text hold. */
export const keptFinalSegments = 24;

export interface Captions {
  finals: readonly TranscriptSegment[];
  interim: TranscriptSegment | null;
}

export const noCaptions: Captions = Object.freeze({ finals: [], interim: null });

export function withSegment(captions: Captions, segment: TranscriptSegment): Captions {
  if (!segment.isFinal) return { finals: captions.finals, interim: segment.text === '' ? null : segment };
  const interim = captions.interim?.id === segment.id ? null : captions.interim;
  const others = captions.finals.filter((final) => final.id !== segment.id);
  const finals = segment.text === '' ? others : [...others, segment];
  return { finals: finals.slice(-keptFinalSegments), interim };
}

/** Connecting after idle or an error is a new session: its captions start empty. */
export function startsNewSession(previous: SessionPhase, next: SessionPhase): boolean {
  return next === 'connecting' && (previous === 'idle' || previous === 'error');
}
