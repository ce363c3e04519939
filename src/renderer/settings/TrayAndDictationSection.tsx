/** Running in the background (the tray) and how dictated speech is punctuated. */
import type { ReactNode } from 'react';
import { SettingToggle, type FormSectionProps } from './form-fields';

export function TrayAndDictationSection({ form, set }: FormSectionProps): ReactNode {
  return (
    <section className="settings-section" aria-labelledby="tray-dictation-heading">
      <h2 id="tray-dictation-heading">Tray and dictation</h2>
      <SettingToggle id="close-to-tray" setting="closeToTray" form={form} set={set} />
      <p className="help">
        Earshot stays in the tray (the menu bar on macOS) and a running session goes on; choose Quit in the
        tray’s menu to end it.
      </p>
      <SettingToggle id="show-indicator" setting="showIndicator" form={form} set={set} />
      <p className="help">
        It shows whether Earshot is listening and how loud the microphone is, near the bottom of the screen,
        and never takes the keyboard from the app you are typing in.
      </p>
      <SettingToggle
        id="spoken-punctuation"
        setting="spokenPunctuation"
        hint="say “comma”, “period” or “new line”"
        form={form}
        set={set}
      />
      <p className="help">Needs punctuation on. Deepgram offers it for English.</p>
    </section>
  );
}
