/** Who says a scripted line (diarize=true) and in which language (language=multi), in the emulator. */
import { describe, expect, it } from 'vitest';
import { resultsMessage } from '../../../emulator/results-message';
import type { ListenOptions } from '../../../emulator/listen-query';
import { ScriptTranscriber, UtteranceScript } from '../../../emulator/script-transcriber';
import type { UtteranceAudio } from '../../../emulator/transcriber';
import { languagesOf, splitVoice } from '../../../emulator/voice-tags';

const sampleRate = 16_000;

function utterance(startMs: number, endMs: number): UtteranceAudio {
  const run = { start: (startMs * sampleRate) / 1000, end: (endMs * sampleRate) / 1000 };
  return { span: { ...run, runs: [run] }, sampleRate, samples: () => new Int16Array(0) };
}

const options: ListenOptions = {
  model: 'nova-3',
  language: 'multi',
  encoding: 'linear16',
  sampleRate,
  channels: 1,
  multichannel: false,
  interimResults: true,
  punctuate: true,
  smartFormat: false,
  diarize: true,
  vadEvents: false,
  endpointing: 300,
  utteranceEndMs: null,
  dictation: false,
  keyterms: [],
};

describe('emulator voices', () => {
  it('a tag names the speaker and language; without one, lines alternate speakers 0 and 1 in English', () => {
    expect(splitVoice('{speaker=3 language=fr} Bonjour à tous', 0)).toEqual({
      text: 'Bonjour à tous',
      tag: '{speaker=3 language=fr} ',
      voice: { speaker: 3, language: 'fr' },
    });
    expect(splitVoice('hello there', 0).voice).toEqual({ speaker: 0, language: 'en' });
    expect(splitVoice('hello there', 1).voice).toEqual({ speaker: 1, language: 'en' });
    expect(splitVoice('{language=de} guten Tag', 4).voice).toEqual({ speaker: 0, language: 'de' });
  });

  it('the script transcriber gives each line its voice, interim and final alike', () => {
    const script = new UtteranceScript();
    script.enqueue(['first line here', 'second line here', '{language=es} hola amigos']);
    const transcriber = new ScriptTranscriber(script);
    expect(transcriber.interim(utterance(0, 900)).every((word) => word.speaker === 0)).toBe(true);
    expect(transcriber.final(utterance(0, 1000)).map((word) => word.speaker)).toEqual([0, 0, 0]);
    expect(transcriber.interim(utterance(1500, 2400)).every((word) => word.speaker === 1)).toBe(true);
    expect(transcriber.final(utterance(1500, 2500)).map((word) => word.speaker)).toEqual([1, 1, 1]);
    const spanish = transcriber.final(utterance(3000, 4000));
    expect(spanish.map((word) => [word.text, word.speaker, word.language])).toEqual([
      ['hola', 0, 'es'],
      ['amigos', 0, 'es'],
    ]);
  });

  it('Finalize in mid-line keeps the tag on the rest of the line, so the same voice says it', () => {
    const script = new UtteranceScript();
    script.enqueue(['{speaker=2 language=fr} un deux trois quatre cinq six sept huit neuf dix']);
    const transcriber = new ScriptTranscriber(script);
    const heard = transcriber.flushed(utterance(0, 1000), (1020 * sampleRate) / 1000);
    expect(heard.length).toBeGreaterThan(0);
    expect(script.peek()?.startsWith('{speaker=2 language=fr} ')).toBe(true);
    const rest = transcriber.final(utterance(1100, 2800));
    expect([...heard, ...rest].every((word) => word.speaker === 2 && word.language === 'fr')).toBe(true);
  });

  it('Results carry per-word speaker and language, and the alternative its languages, only when asked', () => {
    const words = [
      { text: 'hello', start: 0, end: 8000, confidence: 0.9, speaker: 1, language: 'en' },
      { text: 'bonjour', start: 8000, end: 16000, confidence: 0.9, speaker: 1, language: 'fr' },
      { text: 'merci', start: 16000, end: 24000, confidence: 0.9, speaker: 1, language: 'fr' },
    ];
    const common = { words, startSample: 0, endSample: 24000, sampleRate, isFinal: true, speechFinal: true };
    const multi = resultsMessage({ ...common, fromFinalize: false, options, requestId: 'r' });
    const alternative = multi.channel.alternatives[0];
    expect(alternative?.words.map((word) => [word.speaker, word.language])).toEqual([
      [1, 'en'],
      [1, 'fr'],
      [1, 'fr'],
    ]);
    expect(alternative?.languages).toEqual(['fr', 'en']);
    const plain = resultsMessage({
      ...common,
      fromFinalize: false,
      options: { ...options, language: 'en', diarize: false },
      requestId: 'r',
    });
    expect(plain.channel.alternatives[0]?.languages).toBeUndefined();
    expect(plain.channel.alternatives[0]?.words.some((word) => 'speaker' in word || 'language' in word)).toBe(
      false,
    );
  });

  it('languagesOf lists each language once, most words first', () => {
    expect(languagesOf([{ language: 'en' }, { language: 'de' }, { language: 'de' }, {}])).toEqual([
      'de',
      'en',
    ]);
  });
});
