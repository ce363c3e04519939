/**
 * The dictation shortcut (recorded by pressing it), the paste-last shortcut, when and how the
 * words are inserted into other apps, and whether the shortcut works on this desktop (main's
 * sentence: ready, tap only, held by another app).
 */
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { EarshotClient } from '../bridge/earshot-client';
import type { DictationStatus, ShortcutStatus } from '../../shared/dictation-status';
import { chordOfKeyPress, formatChord, parseChord } from '../../shared/hotkey-chord';
import { settingTitle } from '../../shared/settings-labels';
import { SettingFieldset, SettingSelect } from './choice-fields';
import { SettingToggle, Toggle, type FormSectionProps } from './form-fields';

const insertionChoices = [
  ['on-stop', 'When the dictation stops'],
  ['as-you-speak', 'As you speak, sentence by sentence'],
] as const;

type ChordSetting = 'dictationShortcut' | 'pasteLastShortcut';

function ChordRecorder(
  props: Pick<FormSectionProps, 'form' | 'set'> & {
    id: string;
    setting: ChordSetting;
    /** What null means for this setting. */
    nullLabel: string;
    status: ShortcutStatus | null;
  },
): ReactNode {
  const { form, set, id, setting, nullLabel, status } = props;
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const value = form[setting];

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    if (event.key === 'Tab') return; // keyboard users can still leave the field
    event.preventDefault();
    if (event.key === 'Escape') {
      setRecording(false);
      return;
    }
    const chord = chordOfKeyPress(event);
    if (chord === null) return; // a modifier alone: wait for the key
    const parsed = parseChord(formatChord(chord));
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    setRecording(false);
    set(setting, formatChord(parsed));
  };

  return (
    <div className="field">
      <span className="label" id={`${id}-label`}>
        {settingTitle(setting)}
      </span>
      <div className="field-row">
        <button
          type="button"
          id={`${id}-record`}
          data-testid={`${id}-record`}
          aria-labelledby={`${id}-label ${id}-record`}
          aria-pressed={recording}
          onClick={() => {
            setProblem(null);
            setRecording(!recording);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
        >
          {recording ? 'Press the shortcut now (Esc to keep the old one)' : (value ?? nullLabel)}
        </button>
        {value !== null && (
          <button type="button" data-testid={`${id}-clear`} onClick={() => set(setting, null)}>
            {setting === 'dictationShortcut' ? 'Use the default' : 'No shortcut'}
          </button>
        )}
      </div>
      {problem && (
        <p className="help error" role="alert" data-testid={`${id}-problem`}>
          {problem}
        </p>
      )}
      {status && status.sentence !== '' && (
        <p className="help" data-testid={`${id}-status`} data-state={status.state}>
          {status.sentence}
        </p>
      )}
    </div>
  );
}

export function DictationSection({
  form,
  set,
  client,
}: FormSectionProps & { client: EarshotClient }): ReactNode {
  const [status, setStatus] = useState<DictationStatus | null>(null);
  const { dictationEnabled, dictationShortcut, pasteLastShortcut } = form;

  // The status is of the saved shortcuts; asked again when they may have changed.
  useEffect(() => {
    let current = true;
    void client.getDictationStatus().then(
      (next) => current && setStatus(next),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, dictationEnabled, dictationShortcut, pasteLastShortcut]);

  return (
    <section className="settings-section" aria-labelledby="dictation-heading" data-testid="dictation-section">
      <h2 id="dictation-heading">Dictate into other apps</h2>
      <SettingToggle id="dictation-enabled" setting="dictationEnabled" form={form} set={set} />
      <ChordRecorder
        id="dictation-shortcut"
        setting="dictationShortcut"
        nullLabel={status?.dictation.chord ? `${status.dictation.chord} (the default)` : 'The default'}
        status={status?.dictation ?? null}
        form={form}
        set={set}
      />
      <ChordRecorder
        id="paste-last-shortcut"
        setting="pasteLastShortcut"
        nullLabel="None"
        status={status?.pasteLast ?? null}
        form={form}
        set={set}
      />
      <SettingFieldset setting="dictationInsertion" className="field">
        {insertionChoices.map(([value, label]) => (
          <Toggle
            key={value}
            id={`dictation-insertion-${value}`}
            testId={`dictation-insertion-${value}`}
            radioGroup="dictation-insertion"
            checked={form.dictationInsertion === value}
            onChange={() => set('dictationInsertion', value)}
            label={label}
          />
        ))}
      </SettingFieldset>
      <p className="help">
        Earshot cannot read other apps’ text, so these decide how a dictation joins what is already there.
      </p>
      <SettingToggle id="dictation-space-before" setting="dictationSpaceBefore" form={form} set={set} />
      <SettingSelect form={form} set={set} setting="dictationFirstLetter" />
      <SettingToggle id="dictation-space-after" setting="dictationSpaceAfter" form={form} set={set} />
      <SettingSelect form={form} set={set} setting="waylandPasteChord">
        <p className="help">On Wayland Earshot cannot tell a terminal from other apps.</p>
      </SettingSelect>
    </section>
  );
}
