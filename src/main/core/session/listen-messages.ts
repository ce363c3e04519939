/**
 * Deepgram's server messages, checked at runtime and reduced to what Earshot uses. Times
 * are seconds on the connection's own timeline (every connection restarts at 0).
 */
import type { TranscriptWord } from '../../../shared/transcript';
import { languageCodeOf, withLanguage } from './word-language';

/** A TranscriptWord as Deepgram sent it: its times are on the connection's timeline. */
export type ListenWord = TranscriptWord;

export type ListenMessage =
  | {
      type: 'results';
      start: number;
      duration: number;
      isFinal: boolean;
      speechFinal: boolean;
      fromFinalize: boolean;
      transcript: string;
      words: ListenWord[];
      /** With multichannel=true: which channel these results are for (channel_index[0]); absent is 0. */
      channelIndex?: number;
    }
  | { type: 'utterance-end'; lastWordEnd: number }
  | { type: 'speech-started'; timestamp: number }
  | { type: 'metadata'; requestId: string; duration: number };

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function parseWord(value: unknown): ListenWord | null {
  if (!isFields(value) || typeof value.word !== 'string') return null;
  return {
    word: value.word,
    punctuatedWord: text(value.punctuated_word, value.word),
    start: finite(value.start),
    end: finite(value.end),
    confidence: finite(value.confidence),
    speaker: typeof value.speaker === 'number' && Number.isInteger(value.speaker) ? value.speaker : null,
    ...withLanguage(languageCodeOf(value.language)),
  };
}

/** `channel_index` is `[channel, total_channels]`; anything unreadable is channel 0. */
function channelIndexOf(value: unknown): number {
  const index: unknown = Array.isArray(value) ? value[0] : undefined;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < 8 ? index : 0;
}

/** Returns null for messages Earshot does not use or cannot read. */
export function parseListenMessage(message: unknown): ListenMessage | null {
  if (!isFields(message)) return null;
  switch (message.type) {
    case 'Results': {
      const channel = isFields(message.channel) ? message.channel : {};
      const alternatives = Array.isArray(channel.alternatives) ? channel.alternatives : [];
      const best: Fields = isFields(alternatives[0]) ? alternatives[0] : {};
      const words = (Array.isArray(best.words) ? best.words : [])
        .map(parseWord)
        .filter((word): word is ListenWord => word !== null);
      const speechFinal = message.speech_final === true;
      return {
        type: 'results',
        start: finite(message.start),
        duration: finite(message.duration),
        isFinal: message.is_final === true || speechFinal,
        speechFinal,
        fromFinalize: message.from_finalize === true,
        transcript: text(best.transcript),
        words,
        channelIndex: channelIndexOf(message.channel_index),
      };
    }
    case 'UtteranceEnd':
      return { type: 'utterance-end', lastWordEnd: finite(message.last_word_end) };
    case 'SpeechStarted':
      return { type: 'speech-started', timestamp: finite(message.timestamp) };
    case 'Metadata':
      return { type: 'metadata', requestId: text(message.request_id), duration: finite(message.duration) };
    default:
      return null;
  }
}
