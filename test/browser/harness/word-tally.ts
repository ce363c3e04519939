import { normalizedWords } from './transcript-match';

/** How a transcript's words differ from the expected words as counts (case and punctuation ignored). */
export interface WordTally {
  /** Expected words the transcript holds fewer times than expected, once per missing copy. */
  missing: string[];
  /** Expected words the transcript holds more times than expected, once per extra copy. */
  duplicated: string[];
  /** Words of the transcript that were not expected at all. */
  unexpected: string[];
}

function counts(words: readonly string[]): Map<string, number> {
  const tally = new Map<string, number>();
  for (const word of words) tally.set(word, (tally.get(word) ?? 0) + 1);
  return tally;
}

function repeated(word: string, times: number): string[] {
  return Array.from({ length: times }, () => word);
}

export function tallyWords(expected: string, transcript: string): WordTally {
  const want = counts(normalizedWords(expected));
  const got = counts(normalizedWords(transcript));
  const tally: WordTally = { missing: [], duplicated: [], unexpected: [] };
  for (const [word, wanted] of want) {
    const found = got.get(word) ?? 0;
    if (found < wanted) tally.missing.push(...repeated(word, wanted - found));
    if (found > wanted) tally.duplicated.push(...repeated(word, found - wanted));
  }
  for (const [word, found] of got) if (!want.has(word)) tally.unexpected.push(...repeated(word, found));
  return tally;
}

/** One line per kind of difference, or "every expected word once, nothing else". */
export function describeTally(tally: WordTally): string {
  const lines = [
    tally.missing.length > 0 ? `missing: ${tally.missing.join(' ')}` : '',
    tally.duplicated.length > 0 ? `duplicated: ${tally.duplicated.join(' ')}` : '',
    tally.unexpected.length > 0 ? `not expected: ${tally.unexpected.join(' ')}` : '',
  ].filter((line) => line !== '');
  return lines.length > 0 ? lines.join('\n') : 'every expected word once, nothing else';
}
