/**
 * The emulator's dictation=true and Configure, over real sockets: spoken punctuation becomes
 * marks only with dictation and punctuate both on; Configure is answered once each, changes the
 * keyterms of later results, and is refused as Deepgram refuses keyterms (over 500 tokens, not Nova-3).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import {
  concatSamples,
  frames,
  openSdkSocket,
  rawSocket,
  results,
  silence,
  synthesizeSpeech,
  waitUntil,
} from '../../support/emulator-client';
import { speechToolsMissing } from '../../support/speech-audio';

const linear16 = 'encoding=linear16&sample_rate=16000&channels=1';

describe('emulator Configure (control messages only)', () => {
  let emulator: DeepgramEmulator;
  beforeAll(async () => {
    emulator = await startDeepgramEmulator();
  });
  afterAll(() => emulator.close());

  async function configure(query: string, message: object) {
    const { ws, messages, closed } = await rawSocket(emulator.url, `${linear16}&${query}`, {
      headers: { Authorization: `Token ${emulator.demoKey}` },
    });
    ws.send(JSON.stringify(message));
    await waitUntil(() => messages.length >= 1);
    ws.send(JSON.stringify({ type: 'CloseStream' }));
    await closed;
    return messages;
  }

  it('answers with ConfigureSuccess listing the keyterms now in effect', async () => {
    const messages = await configure('model=nova-3', {
      type: 'Configure',
      keyterms: ['Earshot', 'DeepGram'],
    });
    expect(messages[0]).toMatchObject({ type: 'ConfigureSuccess', keyterms: ['Earshot', 'DeepGram'] });
    expect(typeof messages[0]?.['request_id']).toBe('string');
  });

  it('refuses more than 500 keyterm tokens, and keyterms on a model other than Nova-3', async () => {
    const tooMany = Array.from({ length: 501 }, (_, index) => `term${index}`);
    expect((await configure('model=nova-3', { type: 'Configure', keyterms: tooMany }))[0]).toEqual({
      type: 'ConfigureFailure',
      request_id: expect.any(String),
      description: 'Keyterm limit exceeded. The maximum number of tokens across all keyterms is 500.',
    });
    expect((await configure('model=nova-2', { type: 'Configure', keyterms: ['Earshot'] }))[0]).toMatchObject({
      type: 'ConfigureFailure',
      description: 'Keyterm prompting is only supported for Nova-3 models.',
    });
    expect((await configure('model=nova-3', { type: 'Configure', keyterms: 'Earshot' }))[0]).toMatchObject({
      type: 'ConfigureFailure',
    });
  });
});

describe.skipIf(speechToolsMissing !== null)(
  'emulator dictation and keyterms in results (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    const audio = concatSamples(
      silence(300),
      synthesizeSpeech('Hello comma world period new line next.'),
      silence(900),
    );
    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(() => emulator.close());
    beforeEach(() => emulator.recorder.clear());

    async function stream(
      query: Record<string, string>,
      before?: (socket: { sendText(text: string): void }) => void,
    ) {
      const { socket, messages, closed } = await openSdkSocket(
        emulator.url,
        { apiKey: emulator.demoKey },
        query,
      );
      before?.({ sendText: (text) => socket.socket.send(text) });
      for (const frame of frames(audio)) socket.sendMedia(frame);
      socket.sendCloseStream({ type: 'CloseStream' });
      await closed;
      return messages;
    }

    const finalTranscript = (messages: Awaited<ReturnType<typeof stream>>) =>
      results(messages)
        .filter((message) => message.is_final)
        .map((message) => message.channel.alternatives[0]?.transcript)
        .join(' ');

    it('dictation=true with punctuate=true: spoken commands become marks and a new line', async () => {
      emulator.queueUtterances(['hello comma world period new line next']);
      const messages = await stream({ punctuate: 'true', dictation: 'true', model: 'nova-3' });
      expect(finalTranscript(messages)).toBe('Hello, world.\nNext.');
    });

    it('without dictation, or without punctuate, the words stay words', async () => {
      emulator.queueUtterances(['hello comma world period']);
      expect(finalTranscript(await stream({ punctuate: 'true', model: 'nova-3' }))).toBe(
        'Hello comma world period.',
      );
      emulator.queueUtterances(['hello comma world period']);
      expect(finalTranscript(await stream({ dictation: 'true', model: 'nova-3' }))).toBe(
        'hello comma world period',
      );
    });

    it('keyterms from the handshake, and from a Configure before the speech, spell the words they match', async () => {
      emulator.queueUtterances(['hello earshot world']);
      expect(finalTranscript(await stream({ punctuate: 'true', model: 'nova-3', keyterm: 'EarShot' }))).toBe(
        'Hello EarShot world.',
      );
      emulator.queueUtterances(['hello earshot world']);
      const configured = await stream({ punctuate: 'true', model: 'nova-3' }, (socket) =>
        socket.sendText(JSON.stringify({ type: 'Configure', keyterms: ['EARSHOT'] })),
      );
      expect(configured.find((message) => message.type === 'ConfigureSuccess')).toBeDefined();
      expect(finalTranscript(configured)).toBe('Hello EARSHOT world.');
      expect(emulator.recorder.connections[1]?.controlMessages.map((message) => message.type)).toContain(
        'Configure',
      );
    });
  },
);
