import { describe, expect, it } from 'vitest';
import { listenQueryFromSettings, listenUrl } from '../../../src/main/core/session/listen-query';
import { redactionChoice } from '../../../src/shared/privacy-settings';
import { applySettingsPatch, defaultSettings, settingsFromStorage } from '../../../src/shared/settings';
import { describeSettingsError } from '../../../src/shared/settings-labels';
import { ValidationError } from '../../../src/shared/validation';

describe("Deepgram's privacy options", () => {
  it('are off by default and then add nothing to the listen query', () => {
    const query = listenQueryFromSettings(defaultSettings);
    expect(query).not.toHaveProperty('mip_opt_out');
    expect(query).not.toHaveProperty('redact');
    expect(query).not.toHaveProperty('profanity_filter');
  });

  it('go on the listen query, redact repeated once per group', () => {
    const settings = applySettingsPatch(defaultSettings, {
      mipOptOut: true,
      redact: ['numbers', 'pci'],
      profanityFilter: true,
    });
    expect(settings.redact).toEqual(['pci', 'numbers']);
    const url = listenUrl('https://api.deepgram.com', listenQueryFromSettings(settings));
    expect(url.searchParams.get('mip_opt_out')).toBe('true');
    expect(url.searchParams.getAll('redact')).toEqual(['pci', 'numbers']);
    expect(url.searchParams.get('profanity_filter')).toBe('true');
  });

  it('refuse an unknown group, a repeated group and a list that is not one, without echoing it', () => {
    for (const redact of [['pci', 'ssn'], ['pii', 'pii'], 'pci', [{ toString: 'pci' }]]) {
      let refusal: unknown;
      try {
        applySettingsPatch(defaultSettings, { redact });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(ValidationError);
      const { field, sentence } = describeSettingsError(refusal as ValidationError);
      expect(field).toBe('redact');
      expect(sentence).toMatch(/^Redact /);
      expect(sentence).not.toContain('ssn');
    }
    expect(redactionChoice([], 'redact')).toEqual([]);
  });

  it('fall back to off when the settings file holds a bad value', () => {
    const { settings, rejectedFields } = settingsFromStorage({ redact: ['everything'], mipOptOut: 'yes' });
    expect(settings.redact).toEqual([]);
    expect(settings.mipOptOut).toBe(false);
    expect(rejectedFields).toEqual(expect.arrayContaining(['redact', 'mipOptOut']));
  });
});
