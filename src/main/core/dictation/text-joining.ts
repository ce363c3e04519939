/**
 * How dictated words join the text already in front of the cursor: a space where one is
 * needed, none before punctuation that hangs on the previous word, and a capital letter only
 * where a sentence starts. Where that text cannot be known (another app's field), the
 * person's preferences decide.
 */
import type { DictationFirstLetter } from '../../../shared/settings';
import { unsafeTextCharacters } from '../unsafe-text';

export interface JoinPreferences {
  /** Begin with a space when the text before the cursor is unknown. */
  spaceBeforeWhenUnknown: boolean;
  /**
   * The first letter when the text before the cursor is unknown: 'keep' leaves Deepgram's
   * (a capital at the start of each utterance), 'lower' continues a sentence.
   */
  firstLetterWhenUnknown: DictationFirstLetter;
  /** End with a space after closing punctuation, so the next dictation joins on. */
  spaceAfterPunctuation: boolean;
}

export const defaultJoinPreferences: JoinPreferences = {
  spaceBeforeWhenUnknown: false,
  firstLetterWhenUnknown: 'keep',
  spaceAfterPunctuation: true,
};

/** Null when the text before the cursor cannot be known. */
export type TextBeforeCursor = string | null;

// Tabs and new lines are what dictation mode makes of "tab" and "new line"; every other
// control or format character could reorder or hide text in the target app, or act as a
// command in a terminal, so none of them is ever typed.
const keptControls = new Set(['\n', '\t']);

/** Dictated text as it may be typed: CR LF as LF, no other control or format characters. */
export function typeableText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(unsafeTextCharacters, (character) => (keptControls.has(character) ? character : ''));
}

const hangsOnPreviousWord = /^[,.;:!?)\]}…»”’%]/u;
const opensSomething = /[([{«“‘¿¡/-]$/u;
const endsSentence = /(^|[.!?…]["'”’»)\]]*\s*|\n\s*)$/u;
const firstLetter = /\p{L}/u;
// "I", "I'm", "I've", "I'd", "I'll" keep their capital anywhere in a sentence.
const alwaysCapital = /^I(['’](m|ve|d|ll|s))?$/u;

function needsSpaceBetween(before: string, text: string): boolean {
  if (before === '' || /\s$/u.test(before) || text.startsWith('\n')) return false;
  if (hangsOnPreviousWord.test(text)) return false;
  if (opensSomething.test(before)) return false;
  // A straight quote right after a space or at the start opens a quotation.
  if (/(^|\s)["']$/u.test(before)) return false;
  return true;
}

/** The first word in lower case when it is an ordinary capitalised word (not "I", not "NASA"). */
function lowerFirstWord(text: string): string {
  const match = /^(\P{L}*)(\p{L}[\p{L}'’]*)(.*)$/su.exec(text);
  if (!match) return text;
  const [, lead = '', word = '', rest = ''] = match;
  const capitalisedOnly = word.length > 0 && word.slice(1) === word.slice(1).toLocaleLowerCase();
  if (!capitalisedOnly || alwaysCapital.test(word)) return text;
  return lead + word.charAt(0).toLocaleLowerCase() + word.slice(1) + rest;
}

function upperFirstLetter(text: string): string {
  const index = text.search(firstLetter);
  if (index < 0) return text;
  const letter = String.fromCodePoint(text.codePointAt(index) ?? 0);
  return text.slice(0, index) + letter.toLocaleUpperCase() + text.slice(index + letter.length);
}

/** Typeable text without the spaces around it (new lines and tabs were dictated: they stay). */
function trimSpaces(dictated: string): string {
  return typeableText(dictated).replace(/^ +| +$/gu, '');
}

/**
 * The text to insert so that it reads naturally after `before` (null when unknown). Returns
 * '' for a dictation with no words.
 */
export function fitToCursor(
  dictated: string,
  before: TextBeforeCursor,
  preferences: JoinPreferences,
): string {
  const text = trimSpaces(dictated);
  if (text === '') return '';
  let fitted: string;
  if (before === null) {
    const cased = preferences.firstLetterWhenUnknown === 'lower' ? lowerFirstWord(text) : text;
    const space =
      preferences.spaceBeforeWhenUnknown && !hangsOnPreviousWord.test(cased) && !cased.startsWith('\n');
    fitted = (space ? ' ' : '') + cased;
  } else {
    const cased = endsSentence.test(before) ? upperFirstLetter(text) : lowerFirstWord(text);
    fitted = (needsSpaceBetween(before, cased) ? ' ' : '') + cased;
  }
  return preferences.spaceAfterPunctuation && /[.!?…,;:]["'”’»)\]]*$/u.test(fitted) ? `${fitted} ` : fitted;
}

/** Final segments of one dictation as one text, each joined to the ones before it. */
export function joinSegments(segments: readonly string[]): string {
  const between: JoinPreferences = { ...defaultJoinPreferences, spaceAfterPunctuation: false };
  let joined = '';
  for (const segment of segments) {
    joined += joined === '' ? trimSpaces(segment) : fitToCursor(segment, joined, between);
  }
  return joined;
}
