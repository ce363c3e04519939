import type { SampleSpan, UtteranceSpan } from './speech-detector';

/** A recognized word, timed in samples on the connection. `text` keeps any punctuation the source had. */
export interface RecognizedWord {
  text: string;
  start: number;
  end: number;
  confidence: number;
  /** Sent with diarize=true (speaker 0 when a transcriber gives none). */
  speaker?: number;
  /** Sent with language=multi (English when a transcriber gives none). */
  language?: string;
}

export interface UtteranceAudio {
  span: UtteranceSpan;
  sampleRate: number;
  /** Mono samples of a span inside the utterance. */
  samples(span: SampleSpan): Int16Array;
}

/** Turns an utterance found in the audio into words. One instance per connection. */
export interface Transcriber {
  /** Words recognized so far in an utterance still in progress. */
  interim(utterance: UtteranceAudio): RecognizedWord[];
  /** Words of a finished utterance; a script transcriber consumes its queued text here. */
  final(utterance: UtteranceAudio): RecognizedWord[];
  /**
   * Words of an utterance that Finalize ended early, heard up to sample `heardUntil`: only what was
   * heard. A script transcriber keeps the rest of its text for the speech that follows.
   */
  flushed(utterance: UtteranceAudio, heardUntil: number): RecognizedWord[];
}
