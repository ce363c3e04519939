/** Word-level comparison of transcripts: case and punctuation ignored. */
export function normalizedWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/'/g, '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/** Length of the longest common subsequence of two word lists. */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const wordA of a) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = wordA === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Share of the expected words that the transcript holds in order (0..1). */
export function wordsRecalledInOrder(expected: string, transcript: string): number {
  const expectedWords = normalizedWords(expected);
  if (expectedWords.length === 0) return 1;
  return longestCommonSubsequence(expectedWords, normalizedWords(transcript)) / expectedWords.length;
}

export function containsInOrder(transcript: string, expected: string): boolean {
  return wordsRecalledInOrder(expected, transcript) === 1;
}
