/**
 * The settings chosen from a drop-down list: each list's id and test id, its options in the
 * order shown, and the help that describes it. One table, so the sections only say where a list goes.
 */
import { interfaceTextSizes } from '../../shared/accessibility-settings';
import { historyRetentionChoices } from '../../shared/history';
import type { SettingsForm } from './settings-form';

export interface SelectOption<V> {
  value: V;
  label: string;
  /** The option's value in the page; String(value) when not given. */
  key?: string;
}

export interface SelectList<V> {
  id: string;
  /** The list's id when not given. */
  testId?: string;
  options: readonly SelectOption<V>[];
  /** A sentence below the list that describes it (its id is `${id}-help`). */
  help?: string;
}

export type SelectSetting =
  'interfaceTextSize' | 'historyRetentionDays' | 'dictationFirstLetter' | 'waylandPasteChord';

const retentionTitles = { forever: 'Forever', 7: '7 days', 30: '30 days', 90: '90 days' } as const;

export const selectSettings: { [S in SelectSetting]: SelectList<SettingsForm[S]> } = {
  interfaceTextSize: {
    id: 'interface-text-size',
    testId: 'interface-text-size-select',
    options: interfaceTextSizes.map((size) => ({
      value: size,
      label: size === 100 ? '100% (normal)' : `${size}%`,
    })),
    help: 'The size of every screen’s text and controls. Captions have their own size, with A− and A+ on the live view.',
  },
  historyRetentionDays: {
    id: 'history-retention',
    testId: 'history-retention-select',
    options: historyRetentionChoices.map((days) => ({
      value: days,
      key: String(days ?? 'forever'),
      label: retentionTitles[days ?? 'forever'],
    })),
    help: 'Sessions that ended longer ago are deleted when Earshot starts and once a day. A running session is never deleted.',
  },
  dictationFirstLetter: {
    id: 'dictation-first-letter',
    options: [
      { value: 'keep', label: 'A capital, as at the start of a sentence' },
      { value: 'lower', label: 'Lower case, continuing a sentence' },
    ],
  },
  waylandPasteChord: {
    id: 'wayland-paste-chord',
    options: [
      { value: 'ctrl+v', label: 'Ctrl+V (most apps)' },
      { value: 'ctrl+shift+v', label: 'Ctrl+Shift+V (terminals)' },
    ],
  },
};

export type DeviceSetting = 'microphoneDeviceId' | 'systemAudioDeviceId';

/** Each input list's id (its test id too), what leaving it to the system is called, and the chosen input while it is away. */
export const deviceLists: Record<DeviceSetting, { id: string; defaultLabel: string; missingLabel: string }> =
  {
    microphoneDeviceId: {
      id: 'microphone-select',
      defaultLabel: 'System default',
      missingLabel: 'The chosen microphone (not connected)',
    },
    systemAudioDeviceId: {
      id: 'system-audio-select',
      defaultLabel: 'Find it automatically',
      missingLabel: 'The chosen input (not connected)',
    },
  };
