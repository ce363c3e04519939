/** language=multi: Deepgram's per-word language reaches the words and segments Earshot shows, checked as server text. */
import { describe, expect, it } from 'vitest';
import { parseListenMessage } from '../../../src/main/core/session/listen-messages';
import { TranscriptStitcher } from '../../../src/main/core/session/transcript-stitcher';
import { languageCodeOf, segmentLanguage } from '../../../src/main/core/session/word-language';

function multilingualResults(words: Array<[string, string | undefined]>): unknown {
  return {
    type: 'Results',
    start: 0,
    duration: words.length,
    is_final: true,
    speech_final: true,
    channel: {
      alternatives: [
        {
          transcript: words.map(([word]) => word).join(' '),
          languages: ['fr', 'en'],
          words: words.map(([word, language], index) => ({
            word,
            start: index,
            end: index + 0.5,
            confidence: 0.9,
            ...(language === undefined ? {} : { language }),
          })),
        },
      ],
    },
  };
}

describe('per-word language (language=multi)', () => {
  it('keeps a word language that looks like a code and drops anything else', () => {
    expect(languageCodeOf('fr')).toBe('fr');
    expect(languageCodeOf('pt-BR')).toBe('pt-BR');
    expect(languageCodeOf('<img src=x>')).toBeUndefined();
    expect(languageCodeOf('english language')).toBeUndefined();
    expect(languageCodeOf(7)).toBeUndefined();
  });

  it('a segment takes the language most of its words were heard in, the earliest on a tie', () => {
    expect(segmentLanguage([{ language: 'en' }, { language: 'fr' }, { language: 'fr' }])).toBe('fr');
    expect(segmentLanguage([{ language: 'de' }, { language: 'en' }])).toBe('de');
    expect(segmentLanguage([{}, {}])).toBeUndefined();
  });

  it('words and the stitched segment carry the language; without one neither gets the field', () => {
    const parsed = parseListenMessage(
      multilingualResults([
        ['hello', 'en'],
        ['bonjour', 'fr'],
        ['merci', 'fr'],
        ['bad', 'not a code!'],
      ]),
    );
    if (parsed?.type !== 'results') throw new Error('expected results');
    expect(parsed.words.map((word) => word.language)).toEqual(['en', 'fr', 'fr', undefined]);
    expect('language' in parsed.words[3]!).toBe(false);
    const segment = new TranscriptStitcher('s').accept(parsed);
    expect(segment?.language).toBe('fr');
    expect(segment?.words.map((word) => word.language)).toEqual(['en', 'fr', 'fr', undefined]);

    const english = parseListenMessage(multilingualResults([['plain', undefined]]));
    if (english?.type !== 'results') throw new Error('expected results');
    const plainSegment = new TranscriptStitcher('t').accept(english);
    expect(plainSegment && 'language' in plainSegment).toBe(false);
  });
});
