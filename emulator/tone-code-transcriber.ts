import { decodeToneBurst } from './tone-code';
import type { RecognizedWord, Transcriber, UtteranceAudio } from './transcriber';

/** Decodes tone-code bursts: each speech run inside an utterance is one word. */
export class ToneCodeTranscriber implements Transcriber {
  interim(utterance: UtteranceAudio): RecognizedWord[] {
    return this.decode(utterance);
  }

  final(utterance: UtteranceAudio): RecognizedWord[] {
    return this.decode(utterance);
  }

  private decode(utterance: UtteranceAudio): RecognizedWord[] {
    const words: RecognizedWord[] = [];
    for (const run of utterance.span.runs) {
      const decoded = decodeToneBurst(utterance.samples(run), utterance.sampleRate);
      if (decoded)
        words.push({ text: decoded.word, start: run.start, end: run.end, confidence: decoded.confidence });
    }
    return words;
  }
}
