/**
 * The settings form's choices: drop-down lists, the lists of audio inputs, and radio buttons or
 * check boxes with what each does. One markup for each, so every section reads and behaves alike.
 */
import type { ReactNode } from 'react';
import type { Settings } from '../../shared/settings';
import { settingTitle } from '../../shared/settings-labels';
import type { FormSectionProps } from './form-fields';
import {
  deviceLists,
  selectSettings,
  type DeviceSetting,
  type SelectList,
  type SelectOption,
  type SelectSetting,
} from './select-settings';
import { radioGroups, type ChoiceText, type RadioSetting } from './radio-choices';
import type { SettingsForm } from './settings-form';
import type { MicrophoneOption } from './useMicrophones';

/** A labelled drop-down list; `onChange` gets the chosen option's own value, not its text in the page. */
export function SelectField<V>(
  props: SelectList<V> & {
    label: string;
    value: V;
    onChange(value: V): void;
    invalid?: boolean;
    describedBy?: string;
    /** What goes below the list: help, or a field that completes it. */
    children?: ReactNode;
  },
): ReactNode {
  const { id, testId, options, label, value, onChange, invalid, describedBy, children } = props;
  const keyOf = (option: SelectOption<V>): string => option.key ?? String(option.value);
  const chosen = options.find((option) => Object.is(option.value, value));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId ?? id}
        value={chosen ? keyOf(chosen) : String(value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => {
          const next = options.find((option) => keyOf(option) === event.target.value);
          if (next) onChange(next.value);
        }}
      >
        {options.map((option) => (
          <option key={keyOf(option)} value={keyOf(option)}>
            {option.label}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}

/** A setting chosen from a list, named by the shared label table, with the list's help below it. */
function SettingList<S extends SelectSetting | DeviceSetting>(
  props: Pick<FormSectionProps, 'form' | 'set'> & {
    setting: S;
    list: SelectList<SettingsForm[S]>;
    children?: ReactNode;
  },
): ReactNode {
  const { form, set, setting, list, children } = props;
  const helpId = list.help ? `${list.id}-help` : undefined;
  return (
    <SelectField
      {...list}
      label={settingTitle(setting)}
      value={form[setting]}
      onChange={(value) => set(setting, value)}
      describedBy={helpId}
    >
      {list.help && (
        <p id={helpId} className="help">
          {list.help}
        </p>
      )}
      {children}
    </SelectField>
  );
}

/** A setting chosen from a fixed list (selectSettings); `children` go below the list and its help. */
export function SettingSelect<S extends SelectSetting>(
  props: Pick<FormSectionProps, 'form' | 'set'> & { setting: S; children?: ReactNode },
): ReactNode {
  return <SettingList {...props} list={selectSettings[props.setting]} />;
}

/**
 * An audio input setting: first the choice that leaves it to the system (''), then the inputs
 * present, and the chosen one while it is not connected, so the list never changes it silently.
 */
export function DeviceSelect(
  props: Pick<FormSectionProps, 'form' | 'set'> & {
    setting: DeviceSetting;
    devices: readonly MicrophoneOption[];
    children?: ReactNode;
  },
): ReactNode {
  const { form, set, setting, devices, children } = props;
  const { id, defaultLabel, missingLabel } = deviceLists[setting];
  const value = form[setting];
  const missing = value !== '' && !devices.some((device) => device.deviceId === value);
  const options: SelectOption<string>[] = [
    { value: '', label: defaultLabel },
    ...devices.map((device) => ({ value: device.deviceId, label: device.label })),
    ...(missing ? [{ value, label: missingLabel }] : []),
  ];
  return (
    <SettingList form={form} set={set} setting={setting} list={{ id, options }}>
      {children}
    </SettingList>
  );
}

/** A group of choices for one setting, named by the shared label table. */
export function SettingFieldset(props: {
  setting: keyof Settings;
  className: string;
  describedBy?: string;
  children: ReactNode;
}): ReactNode {
  return (
    <fieldset className={props.className} aria-describedby={props.describedBy}>
      <legend>{settingTitle(props.setting)}</legend>
      {props.children}
    </fieldset>
  );
}

/** One radio button or check box, the whole line its label: its name in bold, what it does below. */
export function Choice(
  props: ChoiceText & {
    type: 'radio' | 'checkbox';
    name?: string;
    value?: string;
    testId: string;
    checked: boolean;
    onChange(checked: boolean): void;
  },
): ReactNode {
  const { title, explanation, type, name, value, testId, checked, onChange } = props;
  return (
    <label className="choice">
      <input
        type={type}
        name={name}
        value={value}
        data-testid={testId}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>
        <strong>{title}</strong>
        <span className="help">{explanation}</span>
      </span>
    </label>
  );
}

/**
 * A setting of one value of a few, as radio buttons with what each does (their words from
 * radioGroups); `values` narrows the values offered.
 */
export function RadioChoices<S extends RadioSetting>(
  props: Pick<FormSectionProps, 'form' | 'set'> & {
    setting: S;
    className: string;
    values?: readonly SettingsForm[S][];
    /** What follows the choices inside the group: a note on the one chosen. */
    children?: ReactNode;
  },
): ReactNode {
  const { form, set, setting, className, children } = props;
  const { name, testIdPrefix, values, texts } = radioGroups[setting];
  return (
    <SettingFieldset setting={setting} className={className}>
      {(props.values ?? values).map((value) => (
        <Choice
          key={value}
          {...texts[value]}
          type="radio"
          name={name}
          value={value}
          testId={`${testIdPrefix}-${value}`}
          checked={form[setting] === value}
          onChange={() => set(setting, value)}
        />
      ))}
      {children}
    </SettingFieldset>
  );
}
