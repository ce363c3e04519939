import { describe, expect, it } from 'vitest';
import { describeTally, tallyWords } from '../../browser/harness/word-tally';

describe('word tally (the live spec reports duplicated and missing words)', () => {
  it('finds nothing to say about a transcript with every expected word once, whatever the case and punctuation', () => {
    const tally = tallyWords('The quick brown fox. The lazy dog', 'the Quick, brown fox; the lazy dog.');
    expect(tally).toEqual({ missing: [], duplicated: [], unexpected: [] });
    expect(describeTally(tally)).toBe('every expected word once, nothing else');
  });

  it('counts copies: a replayed sentence shows as duplicated words, a lost one as missing words', () => {
    const expected = 'the quick brown fox jumps over the lazy dog';
    expect(tallyWords(expected, 'the quick brown fox the quick brown fox jumps over the lazy dog')).toEqual({
      missing: [],
      duplicated: ['the', 'quick', 'brown', 'fox'],
      unexpected: [],
    });
    expect(tallyWords(expected, 'the quick brown fox jumps over')).toEqual({
      missing: ['the', 'lazy', 'dog'],
      duplicated: [],
      unexpected: [],
    });
  });

  it('names words that were not expected at all, and says each kind on its own line', () => {
    const tally = tallyWords('hello world', 'hello hello [inaudible]');
    expect(tally).toEqual({ missing: ['world'], duplicated: ['hello'], unexpected: ['inaudible'] });
    expect(describeTally(tally)).toBe('missing: world\nduplicated: hello\nnot expected: inaudible');
  });
});
