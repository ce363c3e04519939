/** How chatty the screen-reader announcements of final words are, and the interface's text size. */
import type { ReactNode } from 'react';
import { RadioChoices, SettingSelect } from './choice-fields';
import type { FormSectionProps } from './form-fields';

export function AccessibilitySection({ form, set }: Pick<FormSectionProps, 'form' | 'set'>): ReactNode {
  return (
    <section className="settings-section" aria-labelledby="accessibility-heading">
      <h2 id="accessibility-heading">Accessibility</h2>
      <RadioChoices form={form} set={set} setting="finalAnnouncements" className="choices" />
      <SettingSelect form={form} set={set} setting="interfaceTextSize" />
    </section>
  );
}
