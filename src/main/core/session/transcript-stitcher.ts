import type { TranscriptSegment, TranscriptWord } from '../../../shared/transcript';
import type { ListenMessage, ListenWord } from './listen-messages';
import { segmentLanguage, withLanguage } from './word-language';

type ResultsMessage = Extract<ListenMessage, { type: 'results' }>;

/** Words ending this close to the last final word are the same word heard again. */
const sameWordToleranceSeconds = 0.001;

/**
 * Turns results from a sequence of connections into one session transcript: times move
 * onto the session timeline (a connection's 0 is the session position of its first
 * replayed frame), words already shown as final are never shown again, and each segment
 * keeps one id from its first interim to its final, across reconnections.
 */
export class TranscriptStitcher {
  private originSeconds = 0;
  private segmentNumber = 1;
  private interimShown = false;
  private lastFinalEnd = Number.NEGATIVE_INFINITY;

  constructor(private readonly sessionId: string) {}

  /** A new connection starts; its time 0 is this session position. */
  startConnection(originSeconds: number): void {
    this.originSeconds = originSeconds;
  }

  toSession(seconds: number): number {
    return Math.round((this.originSeconds + seconds) * 1_000_000) / 1_000_000;
  }

  /** Session position up to which a final result covers the audio, or null for interims. */
  coveredUntil(message: ResultsMessage): number | null {
    return message.isFinal ? this.toSession(message.start + message.duration) : null;
  }

  /** The segment to show for these results, or null when there is nothing new to show. */
  accept(message: ResultsMessage): TranscriptSegment | null {
    const allWords = message.words.map((word) => this.shift(word));
    const words = allWords.filter((word) => word.end > this.lastFinalEnd + sameWordToleranceSeconds);
    const trimmed = words.length !== allWords.length;
    const text = trimmed ? words.map((word) => word.punctuatedWord).join(' ') : message.transcript.trim();
    const id = `${this.sessionId}-${this.segmentNumber}`;
    const start = words[0]?.start ?? this.toSession(message.start);
    const end = words.at(-1)?.end ?? this.toSession(message.start + message.duration);
    const segment: TranscriptSegment = {
      id,
      text,
      start,
      end,
      isFinal: message.isFinal,
      speechFinal: message.speechFinal,
      fromFinalize: message.fromFinalize,
      words,
      speaker: words[0]?.speaker ?? null,
      ...withLanguage(segmentLanguage(words)),
    };

    if (!message.isFinal) {
      if (text === '' && !this.interimShown) return null;
      this.interimShown = text !== '';
      return segment;
    }
    const hadInterim = this.interimShown;
    this.interimShown = false;
    if (text === '') {
      // An empty final still has to replace an interim the user is looking at.
      if (!hadInterim) return null;
      this.segmentNumber += 1;
      return segment;
    }
    this.segmentNumber += 1;
    this.lastFinalEnd = Math.max(this.lastFinalEnd, end);
    return segment;
  }

  private shift(word: ListenWord): TranscriptWord {
    return {
      word: word.word,
      punctuatedWord: word.punctuatedWord,
      start: this.toSession(word.start),
      end: this.toSession(word.end),
      confidence: word.confidence,
      speaker: word.speaker,
      ...withLanguage(word.language),
    };
  }
}
