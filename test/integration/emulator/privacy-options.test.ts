/**
 * Deepgram's privacy options through the app's own session (the real session controller and
 * listen query) to the emulator: the options reach the wire, the emulator records them, and
 * the words come back redacted and filtered, into the transcript main shows and stores.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../../emulator/index';
import type { Settings } from '../../../src/shared/settings';
import {
  concatSamples,
  createHarness,
  pushFrames,
  silence,
  synthesizeSpeech,
  toFrames,
  waitUntil,
} from '../../support/session-test-kit';
import { speechToolsMissing } from '../../support/speech-audio';

describe.skipIf(speechToolsMissing !== null)(
  'privacy options reach Deepgram and shape the words (needs espeak-ng and sox)',
  () => {
    let emulator: DeepgramEmulator;
    beforeAll(async () => {
      emulator = await startDeepgramEmulator();
    });
    afterAll(() => emulator.close());

    async function dictate(text: string, settings: Partial<Settings>) {
      emulator.recorder.clear();
      emulator.queueUtterances([text]);
      const harness = createHarness({ endpoint: emulator.url, key: emulator.demoKey, settings });
      await harness.controller.start();
      const speech = synthesizeSpeech('My card is four one one one, and my name is on it.');
      await pushFrames(harness.controller, toFrames(concatSamples(silence(300), speech, silence(1500))), 4);
      await waitUntil(() => harness.finals().length > 0, 15_000, 'the final words');
      await harness.controller.stop();
      return { harness, connection: emulator.recorder.connections.at(-1)! };
    }

    it('redacts card numbers, emails and names, masks profanity, and records every option it received', async () => {
      const { harness, connection } = await dictate(
        'my card is 4111 1111 1111 1111 and my name is Jane Doe, write to jane@example.com damn it',
        { mipOptOut: true, redact: ['pci', 'pii'], profanityFilter: true },
      );
      const url = new URL(
        `http://emulator/?${new URLSearchParams(Object.entries(connection.query).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, String(item)])))}`,
      );
      expect(url.searchParams.get('mip_opt_out')).toBe('true');
      expect(url.searchParams.getAll('redact')).toEqual(['pci', 'pii']);
      expect(url.searchParams.get('profanity_filter')).toBe('true');

      const shown = harness
        .finals()
        .map((segment) => segment.text)
        .join(' ');
      expect(shown).toBe(
        'My card is [CREDIT_CARD_1] and my name is [NAME_1], write to [EMAIL_ADDRESS_1] **** it.',
      );
      expect(harness.storedText()).toBe(shown);
      // The redacted stretch is one word, timed over what it replaced.
      const words = harness.finals().flatMap((segment) => segment.words);
      const card = words.find((word) => word.punctuatedWord === '[CREDIT_CARD_1]')!;
      expect(card.end).toBeGreaterThan(card.start);
      expect(words.map((word) => word.punctuatedWord)).not.toContain('4111');
      // Finals are redacted whole; an interim can show a card number's first digits before the run is
      // long enough to be one (a streaming detector decides on what it has heard so far).
      const finalResults = connection.results.filter((result) => result.isFinal);
      expect(finalResults.map((result) => result.transcript).join(' ')).not.toMatch(/4111|jane|damn/i);
    });

    it('redacts numbers of three digits or more, and changes nothing with the options off', async () => {
      const redacted = await dictate('room 12 has 250 seats and code 9 9 9', { redact: ['numbers'] });
      expect(
        redacted.harness
          .finals()
          .map((segment) => segment.text)
          .join(' '),
      ).toBe('Room 12 has [NUMBER_1] seats and code [NUMBER_2].');
      const plain = await dictate('room 12 has 250 seats, damn', {});
      expect(plain.connection.query).not.toHaveProperty('redact');
      expect(plain.connection.query).not.toHaveProperty('mip_opt_out');
      expect(
        plain.harness
          .finals()
          .map((segment) => segment.text)
          .join(' '),
      ).toBe('Room 12 has 250 seats, damn.');
    });

    it('refuses a redact value Deepgram does not know, at the handshake', async () => {
      const url = new URL(`${emulator.url}/v1/listen?model=nova-3&redact=everything`);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(url, {
          headers: {
            Authorization: `Token ${emulator.demoKey}`,
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          },
        });
        request.on('response', (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on('upgrade', () => reject(new Error('the emulator accepted the handshake')));
        request.on('error', reject);
        request.end();
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('redact: unknown variant `everything`');
    });
  },
);
