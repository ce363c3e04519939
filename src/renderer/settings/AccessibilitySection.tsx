/** How chatty the screen-reader announcements of final words are, and the interface's text size. */
import type { ReactNode } from 'react';
import {
  finalAnnouncementChoices,
  interfaceTextSizes,
  type FinalAnnouncements,
  type InterfaceTextSize,
} from '../../shared/accessibility-settings';
import { settingTitle } from '../../shared/settings-labels';
import type { FormSectionProps } from './form-fields';

const announcementChoices: Record<FinalAnnouncements, { title: string; explanation: string }> = {
  'every-final': {
    title: 'Every final',
    explanation: 'Each piece of text is read as soon as it is final.',
  },
  'at-pauses': {
    title: 'At pauses',
    explanation: 'What was said is read in one go when the speaker pauses: fewer interruptions.',
  },
  off: {
    title: 'Off',
    explanation: 'Nothing is read out; the transcript stays on screen to read at your own pace.',
  },
};

function textSizeOf(value: string): InterfaceTextSize {
  return interfaceTextSizes.find((size) => String(size) === value) ?? 100;
}

export function AccessibilitySection({ form, set }: Pick<FormSectionProps, 'form' | 'set'>): ReactNode {
  return (
    <section className="settings-section" aria-labelledby="accessibility-heading">
      <h2 id="accessibility-heading">Accessibility</h2>
      <fieldset className="choices">
        <legend>{settingTitle('finalAnnouncements')}</legend>
        {finalAnnouncementChoices.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="final-announcements"
              value={value}
              data-testid={`announcements-${value}`}
              checked={form.finalAnnouncements === value}
              onChange={() => set('finalAnnouncements', value)}
            />
            <span>
              <strong>{announcementChoices[value].title}</strong>
              <span className="help">{announcementChoices[value].explanation}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="interface-text-size">{settingTitle('interfaceTextSize')}</label>
        <select
          id="interface-text-size"
          data-testid="interface-text-size-select"
          value={form.interfaceTextSize}
          aria-describedby="interface-text-size-help"
          onChange={(event) => set('interfaceTextSize', textSizeOf(event.target.value))}
        >
          {interfaceTextSizes.map((size) => (
            <option key={size} value={size}>
              {size === 100 ? '100% (normal)' : `${size}%`}
            </option>
          ))}
        </select>
        <p id="interface-text-size-help" className="help">
          The size of every screen’s text and controls. Captions have their own size, with A− and A+ on the
          live view.
        </p>
      </div>
    </section>
  );
}
