/**
 * The language picker: Deepgram's languages for the chosen model as a list, and "Another code"
 * for a code the list does not know yet (typed; main checks only its shape).
 */
import { useState, type ReactNode } from 'react';
import { isListedLanguage, languagesForModel, multilingualCode } from '../../shared/languages';
import { settingTitle } from '../../shared/settings-labels';
import { SelectField } from './choice-fields';
import type { FormSectionProps } from './form-fields';

const anotherCode = '';

export function LanguageField({ form, set, invalid }: FormSectionProps): ReactNode {
  const listed = isListedLanguage(form.model, form.language);
  const [typing, setTyping] = useState(!listed);
  const showInput = typing || !listed;
  const choices = languagesForModel(form.model);
  return (
    <SelectField
      id="language-select"
      label={settingTitle('language')}
      options={[
        ...choices.map((choice) => ({ value: choice.code, label: `${choice.name} (${choice.code})` })),
        { value: anotherCode, label: 'Another language code…' },
      ]}
      value={
        showInput
          ? anotherCode
          : (choices.find((c) => c.code.toLowerCase() === form.language.trim().toLowerCase())?.code ??
            anotherCode)
      }
      onChange={(code) => {
        setTyping(code === anotherCode);
        if (code !== anotherCode) set('language', code);
      }}
      invalid={invalid('language') && !showInput}
      describedBy={form.language === multilingualCode ? 'language-multi-help' : undefined}
    >
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
    </SelectField>
  );
}
