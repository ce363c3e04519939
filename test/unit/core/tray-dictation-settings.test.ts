import { describe, expect, it } from 'vitest';
import { listenQueryFromSettings } from '../../../src/main/core/session/listen-query';
import { applySettingsPatch, defaultSettings, settingsFromStorage } from '../../../src/shared/settings';
import { ValidationError } from '../../../src/shared/validation';

describe('spoken punctuation and close to tray settings', () => {
  it('are off by default', () => {
    expect(defaultSettings.spokenPunctuation).toBe(false);
    expect(defaultSettings.closeToTray).toBe(false);
    expect(listenQueryFromSettings({ ...defaultSettings }).dictation).toBeUndefined();
  });

  it('spoken punctuation asks Deepgram for dictation=true together with punctuate=true', () => {
    const settings = applySettingsPatch({ ...defaultSettings }, { spokenPunctuation: true });
    expect(listenQueryFromSettings(settings)).toMatchObject({ dictation: 'true', punctuate: 'true' });
  });

  it('spoken punctuation without punctuation is refused with a sentence saying what to do', () => {
    let refusal: unknown;
    try {
      applySettingsPatch({ ...defaultSettings }, { spokenPunctuation: true, punctuate: false });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).sentence).toBe(
      'Spoken punctuation needs punctuation on; turn punctuation on or spoken punctuation off.',
    );
  });

  it('a stored file with spoken punctuation but no punctuation keeps the rest and turns it off', () => {
    const { settings, rejectedFields } = settingsFromStorage({
      spokenPunctuation: true,
      punctuate: false,
      closeToTray: true,
    });
    expect(settings).toMatchObject({ spokenPunctuation: false, punctuate: false, closeToTray: true });
    expect(rejectedFields).toEqual(['(combination)']);
  });

  it('close to tray must be a boolean', () => {
    expect(() => applySettingsPatch({ ...defaultSettings }, { closeToTray: 'yes' })).toThrow(ValidationError);
  });
});
