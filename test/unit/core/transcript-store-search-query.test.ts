import { describe, expect, test } from 'vitest';
import {
  ftsQueryOf,
  matchClose,
  matchOpen,
  snippetSpans,
} from '../../../src/main/core/transcript-store/search-query';

describe('the search box text as an FTS5 query', () => {
  test('every word must match, and the last one as a prefix while it is typed', () => {
    expect(ftsQueryOf('quarterly budg')).toBe('"quarterly" "budg"*');
    expect(ftsQueryOf('quarterly budget ')).toBe('"quarterly" "budget"');
    expect(ftsQueryOf('Café')).toBe('"Café"*');
    // One letter is matched whole: as a prefix it would match much of the vocabulary.
    expect(ftsQueryOf('budget q')).toBe('"budget" "q"');
  });

  test("FTS5's operators and punctuation are plain text, never syntax", () => {
    expect(ftsQueryOf('"unbalanced')).toBe('"unbalanced"*');
    expect(ftsQueryOf('a AND OR NOT bo')).toBe('"a" "AND" "OR" "NOT" "bo"*');
    expect(ftsQueryOf('NEAR(a b, 2)')).toBe('"NEAR" "a" "b" "2"');
    expect(ftsQueryOf('text: ^start * -xy')).toBe('"text" "start" "xy"*');
    expect(ftsQueryOf('*')).toBeNull();
    expect(ftsQueryOf('   ')).toBeNull();
    expect(ftsQueryOf('')).toBeNull();
  });

  test('is bounded however long the text', () => {
    const query = ftsQueryOf(`${'x'.repeat(500)} ${'word '.repeat(100)}`)!;
    expect(query.split(' ')).toHaveLength(16);
    expect(query.startsWith(`"${'x'.repeat(64)}"`)).toBe(true);
  });
});

describe("snippet()'s marks as spans", () => {
  test('marked words become match spans; the rest plain', () => {
    expect(snippetSpans(`…we met ${matchOpen}Tuesday${matchClose} at ${matchOpen}noon${matchClose}`)).toEqual(
      [
        { text: '…we met ', match: false },
        { text: 'Tuesday', match: true },
        { text: ' at ', match: false },
        { text: 'noon', match: true },
      ],
    );
  });

  test('an unclosed mark ends the match at the end; no mark character is ever shown', () => {
    expect(snippetSpans(`a ${matchOpen}b`)).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
    ]);
    expect(snippetSpans(`x${matchClose}y`)).toEqual([{ text: 'xy', match: false }]);
  });
});
