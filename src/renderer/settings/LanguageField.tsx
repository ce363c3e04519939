/**
 * The language picker: Deepgram's languages for the chosen model as a list, and "Another code"
 * for a code the list does not know yet (typed; main checks only its shape).
 */
import { useState, type ReactNode } from 'react';
import { isListedLanguage, languagesForModel, multilingualCode } from '../../shared/languages';
import { settingTitle } from '../../shared/settings-labels';
import type { FormSectionProps } from './form-fields';

const anotherCode = '';

export function LanguageField({ form, set, invalid }: FormSectionProps): ReactNode {
  const listed = isListedLanguage(form.model, form.language);
  const [typing, setTyping] = useState(!listed);
  const showInput = typing || !listed;
  const choices = languagesForModel(form.model);
  return (
    <div className="field">
      <label htmlFor="language-select">{settingTitle('language')}</label>
      <select
        id="language-select"
        data-testid="language-select"
        value={
          showInput
            ? anotherCode
            : (choices.find((c) => c.code.toLowerCase() === form.language.trim().toLowerCase())?.code ??
              anotherCode)
        }
        onChange={(event) => {
          const code = event.target.value;
          setTyping(code === anotherCode);
          if (code !== anotherCode) set('language', code);
        }}
        aria-invalid={invalid('language') && !showInput}
        aria-describedby={form.language === multilingualCode ? 'language-multi-help' : undefined}
      >
        {choices.map((choice) => (
          <option key={choice.code} value={choice.code}>
            {choice.name} ({choice.code})
          </option>
        ))}
        <option value={anotherCode}>Another language code…</option>
      </select>
      {showInput && (
        <>
          <label htmlFor="language-input">Language code</label>
          <input
            id="language-input"
            data-testid="language-input"
            value={form.language}
            onChange={(event) => set('language', event.target.value)}
            aria-invalid={invalid('language')}
            aria-describedby="language-code-help"
            spellCheck={false}
          />
          <p className="help" id="language-code-help">
            A code Deepgram lists for this model, such as en-US.
          </p>
        </>
      )}
      {form.language === multilingualCode && (
        <p className="help" id="language-multi-help">
          Each word is transcribed in the language it is spoken in; the transcript marks where the language
          changes.
        </p>
      )}
    </div>
  );
}
