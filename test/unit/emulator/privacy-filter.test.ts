import { describe, expect, it } from 'vitest';
import { createPrivacyFilter, listenPrivacy, type ListenPrivacy } from '../../../emulator/privacy-filter';
import type { RecognizedWord } from '../../../emulator/transcriber';

function words(text: string): RecognizedWord[] {
  return text
    .split(' ')
    .map((word, index) => ({ text: word, start: index * 100, end: index * 100 + 80, confidence: 0.9 }));
}

function filtered(text: string, privacy: Partial<ListenPrivacy>): string {
  const filter = createPrivacyFilter({ mipOptOut: false, redact: [], profanityFilter: false, ...privacy });
  return filter(words(text))
    .map((word) => word.text)
    .join(' ');
}

describe("the emulator's redaction and profanity filter", () => {
  it('finds card numbers written or spoken, but not digits that fail the Luhn check', () => {
    expect(filtered('pay with 4111-1111-1111-1111 today', { redact: ['pci'] })).toBe(
      'pay with [CREDIT_CARD_1] today',
    );
    const spoken = 'four one one one one one one one one one one one one one one one';
    expect(filtered(`card ${spoken} please`, { redact: ['pci'] })).toBe('card [CREDIT_CARD_1] please');
    expect(filtered('order 1234 5678 9012 3456', { redact: ['pci'] })).toBe('order 1234 5678 9012 3456');
    expect(filtered('the cvv is 123, expires 04/27', { redact: ['pci'] })).toBe(
      'the cvv is [CARD_SECURITY_CODE_1], expires [CARD_EXPIRATION_1]',
    );
  });

  it('finds personal details and numbers each value once, across results of one connection', () => {
    const filter = createPrivacyFilter({
      mipOptOut: false,
      redact: ['pii', 'numbers'],
      profanityFilter: false,
    });
    const first = filter(words('I am Ana Lopez, ssn 123-45-6789, phone 555 123 4567'));
    expect(first.map((word) => word.text).join(' ')).toBe(
      'I am [NAME_1], ssn [SSN_1], phone [PHONE_NUMBER_1]',
    );
    expect(first[2]).toMatchObject({ start: 200, end: 380 });
    const second = filter(words('Ana Lopez again: mail ana@example.org about 42 and 4242'));
    expect(second.map((word) => word.text).join(' ')).toBe(
      'Ana Lopez again: mail [EMAIL_ADDRESS_1] about 42 and [NUMBER_1]',
    );
  });

  it('masks profanity with one asterisk a letter, keeping punctuation', () => {
    expect(filtered('oh damn, that shit!', { profanityFilter: true })).toBe('oh ****, that ****!');
  });

  it('accepts the redact values Deepgram knows and refuses others', () => {
    expect(listenPrivacy(['pci', 'false'], true, false)).toEqual({
      mipOptOut: true,
      redact: ['pci'],
      profanityFilter: false,
    });
    expect(listenPrivacy(['secrets'], false, false)).toBe('redact: unknown variant `secrets`');
  });
});
