/**
 * The settings form explains a mistake with the same words main uses, from the validation
 * error's path and expectation, and marks the field; main's own refusal is shown as it came.
 */
import { describe, expect, it } from 'vitest';
import {
  checkForm,
  describeSettingsProblem,
  directNeedsKey,
  formFromSettings,
  patchFromForm,
} from '../../../src/renderer/settings/settings-form';
import { defaultSettings } from '../../../src/shared/settings';
import { settingTitle } from '../../../src/shared/settings-labels';
import { ValidationError } from '../../../src/shared/validation';

const form = () => formFromSettings(defaultSettings);

describe('settings form', () => {
  it('accepts the defaults', () => {
    expect(checkForm(defaultSettings, form())).toBeNull();
  });

  it('names the field and says what it must be', () => {
    expect(checkForm(defaultSettings, { ...form(), endpoint: 'http://example.com' })).toEqual({
      field: 'endpoint',
      message: 'Endpoint URL must use https:// or wss://; plain http:// is allowed only for localhost.',
    });
    expect(checkForm(defaultSettings, { ...form(), utteranceEndMs: '500' })).toEqual({
      field: 'utteranceEndMs',
      message: 'Utterance end must be at least 1000.',
    });
    expect(checkForm(defaultSettings, { ...form(), keyterms: `one\n${'x'.repeat(101)}` })).toEqual({
      field: 'keyterms',
      message: 'Keyterm 2 must be at most 100 characters.',
    });
    expect(checkForm(defaultSettings, { ...form(), model: 'nova 3' })).toEqual({
      field: 'model',
      message: 'Model must be a model name such as nova-3.',
    });
  });

  it('takes the minutes of audio kept to transcribe later as a whole number, within its range', () => {
    expect(formFromSettings(defaultSettings).waitingAudioLimitMinutes).toBe('60');
    expect(patchFromForm({ ...form(), waitingAudioLimitMinutes: ' 90 ' }).waitingAudioLimitMinutes).toBe(90);
    expect(checkForm(defaultSettings, { ...form(), waitingAudioLimitMinutes: '600' })).toBeNull();
    expect(checkForm(defaultSettings, { ...form(), waitingAudioLimitMinutes: '0' })).toEqual({
      field: 'waitingAudioLimitMinutes',
      message: 'Audio kept to transcribe later must be at least 1.',
    });
    expect(checkForm(defaultSettings, { ...form(), waitingAudioLimitMinutes: '1.5' })).toMatchObject({
      field: 'waitingAudioLimitMinutes',
    });
  });

  it('a rule across fields marks none and keeps its own sentence', () => {
    expect(checkForm(defaultSettings, { ...form(), model: 'nova-2', keyterms: 'Earshot' })).toEqual({
      field: null,
      message: 'Keyterms work only with Nova-3 models; choose nova-3 or clear the keyterms.',
    });
  });

  it('shows a refusal from main as it came, without reading a field out of it', () => {
    expect(describeSettingsProblem('settings.model must be a model name such as nova-3.')).toEqual({
      field: null,
      message: 'settings.model must be a model name such as nova-3.',
    });
  });

  it('calls a setting what the screen calls it, capitalised where the sentence starts', () => {
    const problem = new ValidationError({
      path: ['settings', 'autoGainControl'],
      expectation: 'true or false',
    });
    expect(describeSettingsProblem(problem)).toEqual({
      field: 'autoGainControl',
      message: 'Automatic gain must be true or false.',
    });
    expect(settingTitle('autoGainControl')).toBe('Automatic gain');
    expect(settingTitle('smartFormat')).toBe('Smart format');
  });

  it('streaming with the saved key itself is chosen only together with the key', () => {
    expect(directNeedsKey(defaultSettings, { ...form(), streamingCredential: 'direct' })).toMatchObject({
      field: 'streamingCredential',
    });
    expect(directNeedsKey({ ...defaultSettings, streamingCredential: 'direct' }, form())).toBeNull();
    expect(directNeedsKey(defaultSettings, { ...form(), streamingCredential: 'ephemeral-key' })).toBeNull();
  });
});
