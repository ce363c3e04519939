/** The settings form's building blocks, shared by its sections; labels come from the shared table. */
import type { ReactNode } from 'react';
import type { Settings } from '../../shared/settings';
import { settingTitle } from '../../shared/settings-labels';
import type { SettingsForm } from './settings-form';

/** What every section of the settings form gets: the form, a way to change it, and which field is wrong. */
export interface FormSectionProps {
  form: SettingsForm;
  set<K extends keyof SettingsForm>(field: K, value: SettingsForm[K]): void;
  invalid(field: keyof Settings): boolean;
}

/** A text setting: its label from the shared table, the input, and whatever help goes below it. */
export function TextSetting(
  props: FormSectionProps & {
    setting: 'endpoint' | 'model' | 'language';
    /** The input's id and test id are `${id}-input`. */
    id: string;
    type?: 'url';
    suggestions?: string;
    children?: ReactNode;
  },
): ReactNode {
  const { form, set, invalid, setting, id, type, suggestions, children } = props;
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{settingTitle(setting)}</label>
      <input
        id={`${id}-input`}
        data-testid={`${id}-input`}
        type={type}
        value={form[setting]}
        onChange={(event) => set(setting, event.target.value)}
        aria-invalid={invalid(setting)}
        list={suggestions}
        spellCheck={false}
      />
      {children}
    </div>
  );
}

type OnOffSetting = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

/** A check box (or one radio button of a group) with its label beside it. */
export function Toggle(props: {
  id: string;
  /** `${id}-toggle` when not given. */
  testId?: string;
  /** A radio button of the group so named; a check box without. */
  radioGroup?: string;
  checked: boolean;
  onChange(value: boolean): void;
  label: string;
}): ReactNode {
  const { id, testId, radioGroup, checked, onChange, label } = props;
  return (
    <div className="toggle">
      <input
        id={id}
        data-testid={testId ?? `${id}-toggle`}
        type={radioGroup === undefined ? 'checkbox' : 'radio'}
        name={radioGroup}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** An on/off setting, with what it does in brackets when its name alone does not say. */
export function SettingToggle(
  props: Pick<FormSectionProps, 'form' | 'set'> & { id: string; setting: OnOffSetting; hint?: string },
): ReactNode {
  const { form, set, id, setting, hint } = props;
  const title = settingTitle(setting);
  return (
    <Toggle
      id={id}
      checked={form[setting]}
      onChange={(value) => set(setting, value)}
      label={hint ? `${title} (${hint})` : title}
    />
  );
}

/** A setting that is off, or on with a number of milliseconds: a switch and the number beside it. */
export function SwitchedMilliseconds(
  props: FormSectionProps & {
    setting: 'endpointing' | 'utteranceEndMs';
    switchField: 'endpointingOn' | 'utteranceEndOn';
    numberField: 'endpointingMs' | 'utteranceEndMs';
    /** Element ids: `${id}-on` for the switch, `${id}-ms` for the number. */
    id: string;
    numberLabel: string;
  },
): ReactNode {
  const { form, set, invalid, setting, switchField, numberField, id, numberLabel } = props;
  const on = form[switchField];
  return (
    <div className="field-row">
      <Toggle
        id={`${id}-on`}
        checked={on}
        onChange={(value) => set(switchField, value)}
        label={settingTitle(setting)}
      />
      <div className="field compact">
        <label htmlFor={`${id}-ms`}>{numberLabel}</label>
        <input
          id={`${id}-ms`}
          data-testid={`${id}-ms-input`}
          inputMode="numeric"
          value={form[numberField]}
          disabled={!on}
          aria-invalid={invalid(setting)}
          onChange={(event) => set(numberField, event.target.value)}
        />
      </div>
    </div>
  );
}
