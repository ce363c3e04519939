import { describe, expect, it } from 'vitest';
import type { ListenOptions } from '../../../emulator/listen-query';
import { resultsMessage } from '../../../emulator/results-message';

const options: ListenOptions = {
  model: 'nova-3',
  language: 'en',
  encoding: 'linear16',
  sampleRate: 16_000,
  channels: 1,
  multichannel: false,
  interimResults: true,
  punctuate: true,
  smartFormat: true,
  diarize: false,
  vadEvents: false,
  endpointing: 300,
  utteranceEndMs: null,
  dictation: false,
  keyterms: [],
};

function transcriptOf(texts: string[], isFinal: boolean): string {
  const words = texts.map((text, index) => ({
    text,
    start: index * 8000,
    end: index * 8000 + 6000,
    confidence: 0.9,
  }));
  const message = resultsMessage({
    words,
    startSample: 0,
    endSample: texts.length * 8000,
    sampleRate: 16_000,
    isFinal,
    speechFinal: isFinal,
    fromFinalize: false,
    options,
    requestId: 'request',
  });
  return message.channel.alternatives[0]?.transcript ?? '';
}

describe('punctuated transcripts', () => {
  it('ends a final utterance with one full stop, replacing a trailing comma from the script', () => {
    expect(transcriptOf(['sitting', 'on', 'the', 'bank,'], true)).toBe('Sitting on the bank.');
  });

  it('keeps a question mark the script already has and adds nothing to interim text', () => {
    expect(transcriptOf(['are', 'you', 'there?'], true)).toBe('Are you there?');
    expect(transcriptOf(['still', 'talking,'], false)).toBe('Still talking,');
  });
});
