/** What Earshot listens to (microphone, the computer's sound, or both) and which input carries the computer's sound. */
import type { ReactNode } from 'react';
import type { AudioSource } from '../../shared/settings';
import { twoChannelStreaming } from '../audio/microphone-capture';
import { settingTitle } from '../../shared/settings-labels';
import { systemAudioNote, systemAudioPlatform } from './system-audio-note';
import type { FormSectionProps } from './form-fields';
import type { MicrophoneOption } from './useMicrophones';

const sourceChoices: Record<AudioSource, { title: string; explanation: string }> = {
  microphone: { title: 'Microphone', explanation: 'What you say.' },
  system: {
    title: 'System audio',
    explanation:
      'What this computer plays: a call, a video, a lecture. Heard as it is, with no voice processing.',
  },
  both: {
    title: 'Both',
    explanation: 'Microphone and system audio as two channels, labelled "You" and "Others".',
  },
};

/** "Both" is offered while main streams two channels (see twoChannelStreaming). */
const offeredSources: readonly AudioSource[] = twoChannelStreaming
  ? ['microphone', 'system', 'both']
  : ['microphone', 'system'];

export function AudioSourceFieldset({
  form,
  set,
  inputs,
}: Pick<FormSectionProps, 'form' | 'set'> & { inputs: readonly MicrophoneOption[] }): ReactNode {
  const platform = systemAudioPlatform(navigator.userAgent);
  const usesSystem = form.audioSource !== 'microphone';
  const chosenMissing =
    form.systemAudioDeviceId !== '' && !inputs.some((input) => input.deviceId === form.systemAudioDeviceId);
  return (
    <fieldset className="audio-source-choice">
      <legend>{settingTitle('audioSource')}</legend>
      {offeredSources.map((value) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name="audio-source"
            value={value}
            data-testid={`audio-source-${value}`}
            checked={form.audioSource === value}
            onChange={() => set('audioSource', value)}
          />
          <span>
            <strong>{sourceChoices[value].title}</strong>
            <span className="help">{sourceChoices[value].explanation}</span>
          </span>
        </label>
      ))}
      {usesSystem && (
        <p className="help" data-testid="system-audio-note">
          {systemAudioNote(platform, inputs)}
        </p>
      )}
      {usesSystem && platform !== 'windows' && (
        <div className="field">
          <label htmlFor="system-audio-select">{settingTitle('systemAudioDeviceId')}</label>
          <select
            id="system-audio-select"
            data-testid="system-audio-select"
            value={form.systemAudioDeviceId}
            onChange={(event) => set('systemAudioDeviceId', event.target.value)}
          >
            <option value="">Find it automatically</option>
            {inputs.map((input) => (
              <option key={input.deviceId} value={input.deviceId}>
                {input.label}
              </option>
            ))}
            {chosenMissing && (
              <option value={form.systemAudioDeviceId}>The chosen input (not connected)</option>
            )}
          </select>
        </div>
      )}
    </fieldset>
  );
}
