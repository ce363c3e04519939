import type { TranscriptSegment } from './transcript';

export interface SessionSummary {
  id: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number;
  firstWords: string;
  segmentCount: number;
  /** True when the app stopped (crash, kill) before the session was stopped. */
  interrupted: boolean;
}

export interface SessionTranscript {
  summary: SessionSummary;
  segments: TranscriptSegment[];
}
