/**
 * The language Deepgram reports per word in multilingual mode (language=multi). Server text, so
 * only a code's shape is accepted: anything else is dropped rather than shown.
 */
import type { TranscriptWord } from '../../../shared/transcript';

const languageCodePattern = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/i;

export function languageCodeOf(value: unknown): string | undefined {
  return typeof value === 'string' && languageCodePattern.test(value) ? value : undefined;
}

/** The language most of the words were heard in (the earliest wins a tie), or undefined when none says. */
export function segmentLanguage(words: readonly Pick<TranscriptWord, 'language'>[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { language } of words) if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [language, count] of counts) {
    if (count > bestCount) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}

/** Spread into a word or segment: the field only when there is a language, so other modes stay as they were. */
export function withLanguage(language: string | undefined): { language?: string } {
  return language === undefined ? {} : { language };
}
