/** Deepgram's privacy options, each with what it does in one line (src/shared/privacy-settings.ts). */
import type { ReactNode } from 'react';
import { redactionGroupLabels, redactionGroups, type RedactionGroup } from '../../shared/privacy-settings';
import { Choice, SettingFieldset } from './choice-fields';
import { SettingToggle, type FormSectionProps } from './form-fields';

function withGroup(groups: readonly RedactionGroup[], group: RedactionGroup, on: boolean): RedactionGroup[] {
  return redactionGroups.filter((each) => (each === group ? on : groups.includes(each)));
}

export function PrivacySection({ form, set }: Pick<FormSectionProps, 'form' | 'set'>): ReactNode {
  return (
    <section className="settings-section" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy at Deepgram</h2>
      <SettingToggle id="mip-opt-out" setting="mipOptOut" form={form} set={set} />
      <p className="help">Deepgram does not use this audio or its transcripts to improve its models.</p>
      <SettingFieldset setting="redact" className="choices" describedBy="redact-help">
        <p id="redact-help" className="help">
          Deepgram replaces what you choose with a placeholder before the words reach Earshot, so it is never
          shown or saved. English only.
        </p>
        {redactionGroups.map((group) => (
          <Choice
            key={group}
            title={redactionGroupLabels[group].label}
            explanation={redactionGroupLabels[group].explanation}
            type="checkbox"
            testId={`redact-${group}`}
            checked={form.redact.includes(group)}
            onChange={(on) => set('redact', withGroup(form.redact, group, on))}
          />
        ))}
      </SettingFieldset>
      <SettingToggle id="profanity-filter" setting="profanityFilter" form={form} set={set} />
      <p className="help">Deepgram masks swear words with asterisks.</p>
    </section>
  );
}
