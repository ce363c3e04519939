/**
 * Deepgram's streaming languages per model family (developers.deepgram.com "Models & Languages
 * Overview" and the Nova-3 changelog entries up to 2026-03). The settings screen offers these as
 * a list; a code Deepgram adds later can still be typed, since main validates only its shape.
 */

export type ModelFamily = 'nova-3' | 'nova-2' | 'other';

/** Nova-3 code-switching: every word carries the language it was heard in. */
export const multilingualCode = 'multi';

const englishVariants = ['en', 'en-US', 'en-AU', 'en-GB', 'en-IN', 'en-NZ'];

const nova3Codes = [
  multilingualCode, ...englishVariants,
  'be', 'bg', 'bn', 'bs', 'ca', 'cs', 'da', 'da-DK', 'de', 'de-CH', 'el', 'es', 'es-419', 'et', 'fi', 'fr',
  'fr-CA', 'hi', 'hr', 'hu', 'id', 'it', 'ja', 'kn', 'ko', 'ko-KR', 'lt', 'lv', 'mk', 'mr', 'ms', 'nl',
  'nl-BE', 'no', 'pl', 'pt', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'sv-SE', 'ta', 'te', 'th',
  'th-TH', 'tl', 'tr', 'uk', 'vi', 'zh', 'zh-CN', 'zh-Hans', 'zh-TW', 'zh-Hant', 'zh-HK',
]; // prettier-ignore

const nova2Codes = [
  multilingualCode, ...englishVariants,
  'bg', 'ca', 'cs', 'da', 'da-DK', 'de', 'de-CH', 'el', 'es', 'es-419', 'et', 'fi', 'fr', 'fr-CA', 'hi',
  'hu', 'id', 'it', 'ja', 'ko', 'ko-KR', 'lt', 'lv', 'ms', 'nl', 'nl-BE', 'no', 'pl', 'pt', 'pt-BR', 'pt-PT',
  'ro', 'ru', 'sk', 'sv', 'sv-SE', 'th', 'th-TH', 'tr', 'uk', 'vi', 'zh', 'zh-CN', 'zh-Hans', 'zh-TW',
  'zh-Hant', 'zh-HK',
]; // prettier-ignore

/** Nova(-1), Enhanced and Base: the languages all three stream. */
const otherCodes = [
  ...englishVariants,
  'da', 'de', 'es', 'es-419', 'fr', 'fr-CA', 'hi', 'it', 'ja', 'ko', 'nl', 'no', 'pl', 'pt', 'pt-BR', 'pt-PT',
  'ru', 'sv', 'ta', 'tr', 'uk', 'zh',
]; // prettier-ignore

const codesByFamily: Record<ModelFamily, readonly string[]> = {
  'nova-3': nova3Codes,
  'nova-2': nova2Codes,
  other: otherCodes,
};

export function modelFamily(model: string): ModelFamily {
  const name = model.trim().toLowerCase();
  if (name.startsWith('nova-3')) return 'nova-3';
  if (name.startsWith('nova-2')) return 'nova-2';
  return 'other';
}

export interface LanguageChoice {
  code: string;
  name: string;
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** "French (Canada)" for fr-CA; the code itself when the platform has no name for it. */
export function languageName(code: string): string {
  if (code === multilingualCode) return 'Multilingual (code-switching)';
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The languages a model streams, in the table's order (multilingual and English first). */
export function languagesForModel(model: string): LanguageChoice[] {
  return codesByFamily[modelFamily(model)].map((code) => ({ code, name: languageName(code) }));
}

export function isListedLanguage(model: string, code: string): boolean {
  const wanted = code.trim().toLowerCase();
  return codesByFamily[modelFamily(model)].some((listed) => listed.toLowerCase() === wanted);
}

/** The short tag shown where the detected language changes: "FR", "PT-BR". */
export function languageTag(code: string): string {
  return code.toUpperCase();
}
