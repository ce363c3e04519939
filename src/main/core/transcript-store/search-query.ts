/**
 * What the person types becomes an FTS5 query that cannot fail: the text is cut into words
 * (letters and digits, as FTS5's unicode61 tokenizer sees them) and each word is quoted, so
 * FTS5's operators (AND, OR, NOT, NEAR, column filters, quotes, parentheses, `*`, `^`) typed in
 * the search box are plain words. All words must match; the last one matches as a prefix while
 * it is being typed (no space after it yet), from its second letter.
 */
import type { SnippetSpan } from '../../../shared/history';

/** Longest word and most words a query may use (longer text is cut, never refused). */
const maxWordLength = 64;
const maxWords = 16;

export function ftsQueryOf(text: string): string | null {
  const words = (text.normalize('NFKC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
    .slice(0, maxWords)
    .map((word) => word.slice(0, maxWordLength));
  if (words.length === 0) return null;
  // A one-letter prefix would match a good part of the vocabulary (and FTS5 indexes prefixes
  // from two letters): the word is matched whole until a second letter comes.
  const typingLastWord = !/[^\p{L}\p{N}\p{M}]$/u.test(text) && words[words.length - 1]!.length >= 2;
  return words
    .map((word, index) => {
      const quoted = `"${word}"`;
      return index === words.length - 1 && typingLastWord ? `${quoted}*` : quoted;
    })
    .join(' ');
}

/** The marks snippet() puts around each match: control characters, which no stored text has. */
export const matchOpen = '\u0001';
export const matchClose = '\u0002';

/** snippet()'s marked text as spans, so the window shows matches without any HTML. */
export function snippetSpans(marked: string): SnippetSpan[] {
  const spans: SnippetSpan[] = [];
  const push = (text: string, match: boolean) => {
    if (text === '') return;
    const last = spans[spans.length - 1];
    if (last && last.match === match) last.text += text;
    else spans.push({ text, match });
  };
  let rest = marked;
  while (rest.length > 0) {
    const open = rest.indexOf(matchOpen);
    if (open === -1) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, open), false);
    const close = rest.indexOf(matchClose, open + 1);
    const end = close === -1 ? rest.length : close;
    push(rest.slice(open + 1, end), true);
    rest = rest.slice(end + 1);
  }
  // A stray mark character in the text itself must not show.
  return spans.map((span) => ({
    ...span,
    text: span.text.replaceAll(matchOpen, '').replaceAll(matchClose, ''),
  }));
}
