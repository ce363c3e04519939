export interface TranscriptWord {
  word: string;
  punctuatedWord: string;
  /** Seconds on the session's continuous timeline (not the connection's). */
  start: number;
  end: number;
  confidence: number;
  speaker: number | null;
  /** With language=multi: the language Deepgram heard the word in (a code such as "fr"). */
  language?: string;
}

export interface TranscriptSegment {
  /** Stable within a session; a final segment replaces the interim with the same id. */
  id: string;
  text: string;
  start: number;
  end: number;
  isFinal: boolean;
  speechFinal: boolean;
  fromFinalize: boolean;
  words: TranscriptWord[];
  speaker: number | null;
  /** Two-channel capture ("both") only: 0 the microphone ("You"), 1 the system audio ("Others"). */
  channel?: number;
  /** With language=multi: the language most of the segment's words were heard in. */
  language?: string;
  /** Transcribed after the session, from audio kept while Deepgram could not be reached. */
  transcribedLater?: boolean;
}

export type TranscriptEvent =
  | { kind: 'segment'; sessionId: string; segment: TranscriptSegment }
  | { kind: 'utterance-end'; sessionId: string; lastWordEnd: number }
  | { kind: 'speech-started'; sessionId: string; timestamp: number }
  | { kind: 'metadata'; sessionId: string; requestId: string; duration: number };
