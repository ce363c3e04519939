import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  synthesizeSpeech,
  frames,
  openSdkSocket,
  rawSocket,
  results,
  silence,
} from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

describe.skipIf(speechToolsMissing !== null)('emulator /v1/listen options (needs espeak-ng and sox)', () => {
  let emulator: DeepgramEmulator;
  const speech = synthesizeSpeech('Testing one two three.');
  const audio = concatSamples(silence(300), speech, silence(800));

  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.recorder.clear());

  async function stream(query: Record<string, string | number>, samples = audio) {
    const { socket, messages, closed } = await openSdkSocket(
      emulator.url,
      { apiKey: emulator.demoKey },
      query,
    );
    for (const frame of frames(samples)) socket.sendMedia(frame);
    socket.sendCloseStream({ type: 'CloseStream' });
    await closed;
    return messages;
  }

  it('without punctuate or smart_format: bare lowercase words, no punctuated_word, no interims by default', async () => {
    emulator.queueUtterances(['Testing, one two three!']);
    const messages = await stream({});
    const all = results(messages);
    expect(all.every((message) => message.is_final)).toBe(true);
    const alternative = all[0]?.channel.alternatives[0];
    expect(alternative?.transcript).toBe('testing one two three');
    expect(alternative?.words.map((word) => word.word)).toEqual(['testing', 'one', 'two', 'three']);
    expect(alternative?.words.every((word) => word.punctuated_word === undefined)).toBe(true);
    expect(all[0]).toMatchObject({
      channel_index: [0, 1],
      metadata: {
        request_id: emulator.recorder.connections[0]?.requestId,
        model_info: { arch: 'nova-3' },
        model_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
  });

  it('smart_format and diarize: punctuated_word keeps the text, speaker is set', async () => {
    emulator.queueUtterances(['testing, one two three!']);
    const messages = await stream({ smart_format: 'true', diarize: 'true' });
    const words = results(messages)[0]?.channel.alternatives[0]?.words ?? [];
    expect(words.map((word) => word.punctuated_word)).toEqual(['Testing,', 'one', 'two', 'three!']);
    // One line is one speaker (lines alternate between speakers by their place in the script).
    const speakers = new Set(words.map((word) => (word as { speaker?: number }).speaker));
    expect([...speakers]).toHaveLength(1);
    expect(typeof [...speakers][0]).toBe('number');
    expect(results(messages)[0]?.channel.alternatives[0]?.transcript).toBe('Testing, one two three!');
  });

  it('with endpointing=false an utterance still ends in silence, is_final but not speech_final', async () => {
    emulator.queueUtterances(['testing one two three']);
    const messages = await stream({ endpointing: 'false' }, concatSamples(audio, silence(1000)));
    const [final] = results(messages);
    expect(final).toMatchObject({ is_final: true, speech_final: false });
  });

  it('decodes interleaved stereo linear16', async () => {
    emulator.queueUtterances(['stereo works']);
    const stereo = new Int16Array(audio.length * 2);
    audio.forEach((sample, index) => {
      stereo[index * 2] = sample;
      stereo[index * 2 + 1] = sample;
    });
    const messages = await stream({ channels: 2 }, stereo);
    const [final] = results(messages);
    expect(final?.channel.alternatives[0]?.transcript).toBe('stereo works');
    expect(final?.channel.alternatives[0]?.words[0]?.start).toBeCloseTo(0.3, 1);
    const metadata = messages.find((message) => message.type === 'Metadata');
    expect(metadata).toMatchObject({ channels: 2 });
    expect(metadata?.duration).toBeCloseTo(audio.length / 16000, 2);
  });

  it('accepts other encodings without decoding them: bytes recorded, no words', async () => {
    const { ws, messages, closed } = await rawSocket(
      emulator.url,
      'model=nova-3&encoding=mulaw&sample_rate=8000',
      {
        headers: { authorization: `Token ${emulator.demoKey}` },
      },
    );
    for (let i = 0; i < 10; i += 1) ws.send(Buffer.alloc(160, 0x55));
    ws.send(JSON.stringify({ type: 'CloseStream' }));
    expect((await closed).code).toBe(1000);
    expect(messages.map((message) => message.type)).toEqual(['Metadata']);
    expect(emulator.recorder.connections[0]?.audio).toMatchObject({
      bytes: 1600,
      frames: 10,
      durationMs: 200,
      encoding: 'mulaw',
      sampleRate: 8000,
    });
  });

  it('records the query with repeated keys as arrays', async () => {
    const { socket } = await openSdkSocket(emulator.url, { apiKey: emulator.demoKey }, {
      keyterm: ['earshot', 'deepgram'],
    } as unknown as Record<string, string>);
    expect(emulator.recorder.connections[0]?.query.keyterm).toEqual(['earshot', 'deepgram']);
    socket.close();
  });
});
