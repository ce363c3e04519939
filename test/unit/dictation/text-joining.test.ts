import { describe, expect, it } from 'vitest';
import {
  defaultJoinPreferences,
  fitToCursor,
  joinSegments,
  typeableText,
  type JoinPreferences,
} from '../../../src/main/core/dictation/text-joining';

const plain: JoinPreferences = { ...defaultJoinPreferences, spaceAfterPunctuation: false };

describe('fitToCursor with the text before the cursor known', () => {
  it.each([
    ['at the start of a field', '', 'hello there', 'Hello there'],
    ['after a word', 'I said', 'Hello there', 'I said hello there'],
    ['after a space', 'I said ', 'Hello', 'I said hello'],
    ['after a full stop', 'Done.', 'next item', 'Done. Next item'],
    ['after a question and a closing quote', 'She asked "why?"', 'because', 'She asked "why?" Because'],
    ['after a new line', 'Dear Sam,\n', 'thanks', 'Dear Sam,\nThanks'],
    ['before a comma', 'Yes', ', of course', 'Yes, of course'],
    ['before a full stop', 'The end', '.', 'The end.'],
    ['after an opening bracket', 'see (', 'Page four', 'see (page four'],
    ['after an opening quote', 'he said “', 'Stop', 'he said “stop'],
    ['after a straight opening quote', 'he said "', 'Stop', 'he said "stop'],
    ['keeping "I"', 'and then', "I'm late", "and then I'm late"],
    ['keeping an acronym', 'ask', 'NASA today', 'ask NASA today'],
    ['capitalising an accented letter', 'Fin.', 'élan', 'Fin. Élan'],
    ['a new line needs no space', 'first line', '\nsecond', 'first line\nsecond'],
  ])('%s', (_case, before, dictated, expected) => {
    expect(before + fitToCursor(dictated, before, plain)).toBe(expected);
  });
});

describe('fitToCursor with the text before the cursor unknown', () => {
  it('keeps Deepgram’s first letter and adds no space by default', () => {
    expect(fitToCursor('Hello there', null, plain)).toBe('Hello there');
  });

  it('follows the preferences: a space first, and the sentence continued in lower case', () => {
    const continuing: JoinPreferences = {
      spaceBeforeWhenUnknown: true,
      firstLetterWhenUnknown: 'lower',
      spaceAfterPunctuation: false,
    };
    expect(fitToCursor('Hello there', null, continuing)).toBe(' hello there');
    expect(fitToCursor(', said Sam', null, continuing)).toBe(', said Sam');
    expect(fitToCursor('I agree', null, continuing)).toBe(' I agree');
  });
});

describe('fitToCursor cleans and ends the text', () => {
  it('ends with a space after closing punctuation when asked, so the next dictation joins', () => {
    expect(fitToCursor('Done.', null, defaultJoinPreferences)).toBe('Done. ');
    expect(fitToCursor('Done', null, defaultJoinPreferences)).toBe('Done');
    expect(fitToCursor('Done.', null, plain)).toBe('Done.');
  });

  it('trims spaces but keeps dictated new lines and tabs', () => {
    expect(fitToCursor('  two lines\n', null, plain)).toBe('two lines\n');
    expect(fitToCursor('\tindented', null, plain)).toBe('\tindented');
  });

  it('returns nothing for no words', () => {
    expect(fitToCursor('   ', 'before', defaultJoinPreferences)).toBe('');
  });
});

describe('typeableText', () => {
  it('drops controls, escapes and bidirectional overrides, keeps new lines and tabs', () => {
    expect(typeableText('a\u001b[31mb\u0007c\u202Ed\r\ne\rf\tg\u200Bh')).toBe('a[31mbcd\ne\nf\tgh');
  });
});

describe('joinSegments', () => {
  it('joins final segments as one text', () => {
    expect(joinSegments(['Hello there,', 'How are you?', 'fine'])).toBe('Hello there, how are you? Fine');
  });

  it('leaves out empty segments', () => {
    expect(joinSegments(['', 'One', '  ', 'two'])).toBe('One two');
  });
});
