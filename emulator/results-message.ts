import { createHash } from 'node:crypto';
import { applyKeyterms } from './keyterm-spelling';
import type { ListenOptions } from './listen-query';
import { applySpokenPunctuation, joinPunctuated } from './spoken-punctuation';
import type { RecognizedWord } from './transcriber';
import { languagesOf, multilingualCode } from './voice-tags';

export interface ResultsWord {
  word: string;
  start: number;
  end: number;
  confidence: number;
  punctuated_word?: string;
  speaker?: number;
  /** With language=multi, as Deepgram's code-switching sends it. */
  language?: string;
}

export interface ResultsMessage {
  type: 'Results';
  channel_index: number[];
  duration: number;
  start: number;
  is_final: boolean;
  speech_final: boolean;
  from_finalize: boolean;
  channel: {
    alternatives: Array<{
      transcript: string;
      confidence: number;
      words: ResultsWord[];
      languages?: string[];
    }>;
  };
  metadata: {
    request_id: string;
    model_info: { name: string; version: string; arch: string };
    model_uuid: string;
  };
}

/** Seconds, rounded to the millisecond as Deepgram's JSON usually is. */
export function seconds(samples: number, sampleRate: number): number {
  return Math.round((samples / sampleRate) * 1000) / 1000;
}

function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function modelInfo(model: string): { info: ResultsMessage['metadata']['model_info']; uuid: string } {
  const arch = model
    .split('-')
    .slice(0, model.startsWith('nova-') ? 2 : 1)
    .join('-');
  const name = `general-${arch}`;
  return { info: { name, version: '2026-01-01.0', arch }, uuid: uuidFrom(`earshot-emulator:${model}`) };
}

function bareWord(text: string): string {
  if (/^\[.*\]$/.test(text)) return text;
  // profanity_filter's mask stays asterisks (privacy-filter.ts).
  const masked = /^\*+/.exec(text);
  if (masked) return masked[0];
  return text.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, '');
}

/**
 * Capitalizes the utterance; a final one also ends with a full stop, replacing a trailing
 * comma or semicolon, unless it has its own.
 */
function punctuatedWords(tokens: readonly string[], isFinal: boolean): string[] {
  return tokens.map((token, index) => {
    let text = index === 0 ? token.charAt(0).toUpperCase() + token.slice(1) : token;
    if (isFinal && index === tokens.length - 1 && !/[.?!\n]$/.test(text))
      text = `${text.replace(/[,;:]+$/, '')}.`;
    return text;
  });
}

export function resultsMessage(args: {
  words: readonly RecognizedWord[];
  startSample: number;
  endSample: number;
  sampleRate: number;
  isFinal: boolean;
  speechFinal: boolean;
  fromFinalize: boolean;
  options: ListenOptions;
  requestId: string;
}): ResultsMessage {
  const { sampleRate, options } = args;
  const spelled = applyKeyterms(args.words, options.keyterms);
  const words = options.dictation && options.punctuate ? applySpokenPunctuation(spelled) : spelled;
  const formatted = options.punctuate || options.smartFormat;
  const punctuated = punctuatedWords(
    words.map((word) => word.text),
    args.isFinal,
  );
  const resultWords: ResultsWord[] = words.map((word, index) => ({
    word: bareWord(word.text),
    start: seconds(word.start, sampleRate),
    end: seconds(word.end, sampleRate),
    confidence: Math.round(word.confidence * 10_000) / 10_000,
    ...(formatted ? { punctuated_word: punctuated[index] ?? word.text } : {}),
    ...(options.diarize ? { speaker: word.speaker ?? 0 } : {}),
    ...(options.language === multilingualCode ? { language: word.language ?? 'en' } : {}),
  }));
  const transcript = formatted ? joinPunctuated(punctuated) : resultWords.map((word) => word.word).join(' ');
  const confidence =
    resultWords.length === 0
      ? 0
      : resultWords.reduce((total, word) => total + word.confidence, 0) / resultWords.length;
  const model = modelInfo(options.model);
  return {
    type: 'Results',
    channel_index: [0, 1],
    duration: seconds(args.endSample - args.startSample, sampleRate),
    start: seconds(args.startSample, sampleRate),
    is_final: args.isFinal,
    speech_final: args.speechFinal,
    from_finalize: args.fromFinalize,
    channel: {
      alternatives: [
        {
          transcript,
          confidence: Math.round(confidence * 10_000) / 10_000,
          words: resultWords,
          ...(options.language === multilingualCode ? { languages: languagesOf(resultWords) } : {}),
        },
      ],
    },
    metadata: { request_id: args.requestId, model_info: model.info, model_uuid: model.uuid },
  };
}
