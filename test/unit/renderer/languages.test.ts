/** The settings screen's language list follows the model family; codes outside it are still allowed. */
import { describe, expect, it } from 'vitest';
import {
  isListedLanguage,
  languageName,
  languagesForModel,
  languageTag,
  modelFamily,
} from '../../../src/shared/languages';
import { settingsPatch } from '../../../src/shared/settings';

describe('languages per model', () => {
  it('groups models into Nova-3, Nova-2 and the rest', () => {
    expect(modelFamily('nova-3')).toBe('nova-3');
    expect(modelFamily('nova-3-medical')).toBe('nova-3');
    expect(modelFamily('nova-2-meeting')).toBe('nova-2');
    expect(modelFamily('enhanced')).toBe('other');
    expect(modelFamily('base')).toBe('other');
  });

  it('offers multilingual first on Nova-3, and not on the older models', () => {
    expect(languagesForModel('nova-3')[0]).toEqual({ code: 'multi', name: 'Multilingual (code-switching)' });
    expect(isListedLanguage('nova-3', 'multi')).toBe(true);
    expect(isListedLanguage('base', 'multi')).toBe(false);
  });

  it('lists the 2026 Nova-3 additions, which Nova-2 does not have', () => {
    expect(isListedLanguage('nova-3', 'tl')).toBe(true);
    expect(isListedLanguage('nova-2', 'tl')).toBe(false);
    expect(isListedLanguage('nova-2', 'zh-TW')).toBe(true);
  });

  it('matches codes whatever their case, and names them in English', () => {
    expect(isListedLanguage('nova-3', 'EN-us')).toBe(true);
    expect(languageName('fr-CA')).toBe('Canadian French');
    expect(languageName('de')).toBe('German');
    expect(languageTag('pt-BR')).toBe('PT-BR');
  });

  it('every listed code passes the settings validator, so choosing one can always be saved', () => {
    for (const model of ['nova-3', 'nova-2', 'base']) {
      for (const { code } of languagesForModel(model)) {
        expect(() => settingsPatch({ language: code }, 'settings')).not.toThrow();
      }
    }
  });
});
