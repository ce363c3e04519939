/**
 * Validation errors are structured: where (a path of contract names and indexes) and what was
 * expected. They never carry the value, nor the name of a field the contract does not know.
 */
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, settingsPatch } from '../../../src/shared/settings';
import { describeSettingsError, readableValidationMessage } from '../../../src/shared/settings-labels';
import {
  array,
  number,
  object,
  partialObject,
  string,
  ValidationError,
  validationSentence,
} from '../../../src/shared/validation';

const marker = 'ATTACKER0123456789';

function caught(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** Everything an error carries, as text: none of it may hold what the sender chose. */
function everything(error: ValidationError): string {
  return JSON.stringify({
    message: error.message,
    path: error.path,
    expectation: error.expectation,
    sentence: error.sentence,
    stack: error.stack,
  });
}

describe('ValidationError', () => {
  it('carries the path as segments and what was expected', () => {
    const validate = object({
      request: object({ keyterms: array(string({ maxLength: 5 }), { maxItems: 9 }) }),
    });
    const error = caught(() => validate({ request: { keyterms: ['ok', 'too long'] } }, 'payload'));
    expect(error.path).toEqual(['payload', 'request', 'keyterms', 1]);
    expect(error.expectation).toBe('at most 5 characters');
    expect(error.sentence).toBeNull();
    expect(error.message).toBe('payload.request.keyterms[1] must be at most 5 characters.');
    expect(validationSentence(error, 'Keyterm 2')).toBe('Keyterm 2 must be at most 5 characters.');
  });

  it('reports an unknown field on its parent, and its name goes nowhere', () => {
    for (const validate of [object({ key: string() }), partialObject({ key: string() })]) {
      const error = caught(() =>
        validate({ key: 'x', [marker]: marker, [`a.b[0] ${marker}`]: 1 }, 'request'),
      );
      expect(error.path).toEqual(['request']);
      expect(error.expectation).toBe('an object with no fields other than the ones Earshot defines');
      expect(everything(error)).not.toContain(marker);
    }
  });

  it('never carries the value', () => {
    for (const value of [
      marker,
      `${marker}${'x'.repeat(20_000)}`,
      [marker],
      { nested: marker },
      12_345_678,
    ]) {
      const error = caught(() => object({ key: string({ maxLength: 10 }) })({ key: value }, 'request'));
      expect(everything(error)).not.toContain(marker);
      expect(everything(error)).not.toContain('12345678');
    }
    expect(everything(caught(() => number({ max: 10 })(12_345_678, 'request')))).not.toContain('12345678');
  });

  it('a ready-made sentence is used as it is', () => {
    const error = caught(() => applySettingsPatch(defaultSettings, { interimResults: false }));
    expect(error.path).toEqual(['settings']);
    expect(validationSentence(error, 'ignored')).toBe(
      'Utterance end needs interim results on; turn interim results on or utterance end off.',
    );
  });
});

describe('settings problems in words', () => {
  it.each([
    [{ utteranceEndMs: 10 }, 'utteranceEndMs', 'Utterance end must be at least 1000.'],
    [{ model: 'secret value with spaces' }, 'model', 'Model must be a model name such as nova-3.'],
    [{ keyterms: ['ok', 'ok', 'ok', ''] }, 'keyterms', 'Keyterm 4 must be at least 1 character.'],
    [{ keyterms: 'one' }, 'keyterms', 'Keyterms must be a list.'],
    [{ endpoint: 'not a url' }, 'endpoint', 'Endpoint URL must be a URL such as https://api.deepgram.com.'],
    [
      { endpoint: 'http://example.com' },
      'endpoint',
      'Endpoint URL must use https:// or wss://; plain http:// is allowed only for localhost.',
    ],
    [
      { [marker]: true },
      null,
      'The settings must be an object with no fields other than the ones Earshot defines.',
    ],
    [null, null, 'The settings must be an object.'],
  ])('%j is described from its path and expectation', (patch, field, sentence) => {
    const error = caught(() => applySettingsPatch(defaultSettings, patch));
    expect(describeSettingsError(error)).toEqual({ field, sentence });
    expect(readableValidationMessage(error)).toBe(sentence);
  });

  it('works the same for a path rooted at the IPC request', () => {
    const error = caught(() => settingsPatch({ keyterms: ['a', 7] }, 'request'));
    expect(error.path).toEqual(['request', 'keyterms', 1]);
    expect(describeSettingsError(error)).toEqual({ field: 'keyterms', sentence: 'Keyterm 2 must be text.' });
  });

  it('does not read the developer message: a sentence comes from path and expectation only', () => {
    const error = new ValidationError({ path: ['settings', 'model'], expectation: 'short' });
    Object.defineProperty(error, 'message', { value: 'settings.endpoint must be anything at all.' });
    expect(describeSettingsError(error)).toEqual({ field: 'model', sentence: 'Model must be short.' });
  });
});
