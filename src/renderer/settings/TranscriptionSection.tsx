/** Where audio is sent and how Deepgram transcribes it. */
import type { ReactNode } from 'react';
import { waitingAudioLimitRange } from '../../shared/settings';
import { settingTitle } from '../../shared/settings-labels';
import { SettingToggle, SwitchedMilliseconds, TextSetting, type FormSectionProps } from './form-fields';
import { LanguageField } from './LanguageField';

/** Reads as one sentence, "Keep up to [60] minutes of audio to transcribe later"; its name is the words around the number. */
function WaitingAudioLimitField({ form, set, invalid }: FormSectionProps): ReactNode {
  return (
    <div className="field">
      <div className="sentence-field">
        <span id="waiting-audio-limit-before">Keep up to</span>
        <input
          id="waiting-audio-limit-input"
          data-testid="waiting-audio-limit-input"
          className="minutes-input"
          inputMode="numeric"
          value={form.waitingAudioLimitMinutes}
          onChange={(event) => set('waitingAudioLimitMinutes', event.target.value)}
          aria-invalid={invalid('waitingAudioLimitMinutes')}
          aria-labelledby="waiting-audio-limit-before waiting-audio-limit-after"
          aria-describedby="waiting-audio-limit-help"
        />
        <span id="waiting-audio-limit-after">minutes of audio to transcribe later</span>
      </div>
      <p className="help" id="waiting-audio-limit-help">
        When Deepgram cannot be reached, Earshot keeps your audio on this computer and transcribes it once
        Deepgram answers again ({waitingAudioLimitRange.min} to {waitingAudioLimitRange.max} minutes, all
        sessions together).
      </p>
    </div>
  );
}

export function TranscriptionSection(section: FormSectionProps): ReactNode {
  const { form, set, invalid } = section;
  return (
    <section className="settings-section" aria-labelledby="connection-heading">
      <h2 id="connection-heading">Transcription</h2>
      <TextSetting {...section} setting="endpoint" id="endpoint" type="url">
        <p className="help">Deepgram’s own is https://api.deepgram.com. Plain http:// only for localhost.</p>
      </TextSetting>
      <div className="field-row">
        <TextSetting {...section} setting="model" id="model" suggestions="model-suggestions">
          <datalist id="model-suggestions">
            <option value="nova-3" />
            <option value="nova-3-medical" />
            <option value="nova-2" />
          </datalist>
        </TextSetting>
        <LanguageField {...section} />
      </div>
      <SettingToggle
        id="smart-format"
        setting="smartFormat"
        hint="numbers, dates, paragraphs"
        form={form}
        set={set}
      />
      <SettingToggle id="punctuate" setting="punctuate" form={form} set={set} />
      <SettingToggle
        id="interim-results"
        setting="interimResults"
        hint="show words while you speak"
        form={form}
        set={set}
      />
      <SwitchedMilliseconds
        {...section}
        id="endpointing"
        setting="endpointing"
        switchField="endpointingOn"
        numberField="endpointingMs"
        numberLabel="Silence that ends a phrase (ms)"
      />
      <SwitchedMilliseconds
        {...section}
        id="utterance-end"
        setting="utteranceEndMs"
        switchField="utteranceEndOn"
        numberField="utteranceEndMs"
        numberLabel="Gap between words that ends an utterance (ms)"
      />
      <div className="field">
        <label htmlFor="keyterms-input">{settingTitle('keyterms')} (one per line)</label>
        <textarea
          id="keyterms-input"
          data-testid="keyterms-input"
          rows={4}
          value={form.keyterms}
          onChange={(event) => set('keyterms', event.target.value)}
          aria-invalid={invalid('keyterms')}
        />
        <p className="help">Names and jargon Deepgram should listen for. Nova-3 models only.</p>
      </div>
      <SettingToggle id="diarize" setting="diarize" hint="tell speakers apart" form={form} set={set} />
      <WaitingAudioLimitField {...section} />
    </section>
  );
}
