import { decodeToneBurst } from './tone-code';
import type { RecognizedWord, Transcriber, UtteranceAudio } from './transcriber';

/** Decodes tone-code bursts: each speech run inside an utterance is one word. */
export class ToneCodeTranscriber implements Transcriber {
  /** Bursts already decoded in the current utterance, by span: interims would otherwise redo them. */
  private readonly decoded = new Map<string, ReturnType<typeof decodeToneBurst>>();

  interim(utterance: UtteranceAudio): RecognizedWord[] {
    return this.decode(utterance);
  }

  final(utterance: UtteranceAudio): RecognizedWord[] {
    const words = this.decode(utterance);
    this.decoded.clear();
    return words;
  }

  /** Each burst is a whole word, so what was heard is decoded whole. */
  flushed(utterance: UtteranceAudio): RecognizedWord[] {
    return this.final(utterance);
  }

  private decode(utterance: UtteranceAudio): RecognizedWord[] {
    const words: RecognizedWord[] = [];
    for (const run of utterance.span.runs) {
      const key = `${run.start}:${run.end}`;
      if (!this.decoded.has(key))
        this.decoded.set(key, decodeToneBurst(utterance.samples(run), utterance.sampleRate));
      const decoded = this.decoded.get(key);
      if (decoded)
        words.push({ text: decoded.word, start: run.start, end: run.end, confidence: decoded.confidence });
    }
    return words;
  }
}
