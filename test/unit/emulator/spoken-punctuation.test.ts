import { describe, expect, it } from 'vitest';
import { applyKeyterms } from '../../../emulator/keyterm-spelling';
import type { ListenOptions } from '../../../emulator/listen-query';
import { resultsMessage } from '../../../emulator/results-message';
import { applySpokenPunctuation, joinPunctuated } from '../../../emulator/spoken-punctuation';
import type { RecognizedWord } from '../../../emulator/transcriber';

function words(text: string): RecognizedWord[] {
  return text
    .split(' ')
    .map((word, index) => ({ text: word, start: index, end: index + 1, confidence: 0.9 }));
}

const texts = (list: RecognizedWord[]) => list.map((word) => word.text);

const options: ListenOptions = {
  model: 'nova-3',
  encoding: 'linear16',
  sampleRate: 16_000,
  channels: 1,
  multichannel: false,
  interimResults: true,
  punctuate: true,
  smartFormat: false,
  diarize: false,
  vadEvents: false,
  endpointing: 300,
  utteranceEndMs: null,
  language: 'en',
  dictation: true,
  keyterms: [],
};

describe('emulator spoken punctuation (dictation=true)', () => {
  it('turns commands into marks on the word before and capitalises after a sentence mark', () => {
    expect(texts(applySpokenPunctuation(words('dear sam comma thanks period see you new line bye')))).toEqual(
      ['dear', 'sam,', 'thanks.', 'See', 'you\n', 'bye'],
    );
    expect(texts(applySpokenPunctuation(words('ready question mark yes exclamation point')))).toEqual([
      'ready?',
      'Yes!',
    ]);
  });

  it('keeps words that only look like commands when they are not one', () => {
    expect(texts(applySpokenPunctuation(words('a new car and a question')))).toEqual(
      texts(words('a new car and a question')),
    );
  });

  it('drops a leading mark but keeps a leading new line for the next word', () => {
    expect(texts(applySpokenPunctuation(words('comma hello')))).toEqual(['hello']);
    expect(texts(applySpokenPunctuation(words('new line hello')))).toEqual(['\nhello']);
  });

  it('joins without a space after a new line', () => {
    expect(joinPunctuated(['one\n', 'two', 'three'])).toBe('one\ntwo three');
  });

  it('applies in Results only with dictation and punctuate both on', () => {
    const message = (listen: ListenOptions) =>
      resultsMessage({
        words: words('hello comma world period new line next'),
        startSample: 0,
        endSample: 16_000,
        sampleRate: 16_000,
        isFinal: true,
        speechFinal: true,
        fromFinalize: false,
        options: listen,
        requestId: 'r',
      }).channel.alternatives[0];
    expect(message(options)?.transcript).toBe('Hello, world.\nNext.');
    expect(message(options)?.words.map((word) => word.word)).toEqual(['hello', 'world', 'next']);
    expect(message({ ...options, punctuate: false })?.transcript).toBe(
      'hello comma world period new line next',
    );
    expect(message({ ...options, dictation: false })?.transcript).toBe(
      'Hello comma world period new line next.',
    );
  });
});

describe('emulator keyterm spelling', () => {
  it('gives matching words the keyterm spelling, longest term first, keeping punctuation', () => {
    const spelled = applyKeyterms(words('try deepgram, with earshot pro today'), [
      'Earshot',
      'Earshot Pro',
      'DeepGram',
    ]);
    expect(texts(spelled)).toEqual(['try', 'DeepGram,', 'with', 'Earshot', 'Pro', 'today']);
  });

  it('changes nothing without keyterms', () => {
    expect(texts(applyKeyterms(words('try deepgram'), []))).toEqual(['try', 'deepgram']);
  });
});
