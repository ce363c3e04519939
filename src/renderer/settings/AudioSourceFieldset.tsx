/** What Earshot listens to (microphone, the computer's sound, or both) and which input carries the computer's sound. */
import type { ReactNode } from 'react';
import type { AudioSource } from '../../shared/settings';
import { twoChannelStreaming } from '../audio/microphone-capture';
import { DeviceSelect, RadioChoices } from './choice-fields';
import { systemAudioNote, systemAudioPlatform } from './system-audio-note';
import type { FormSectionProps } from './form-fields';
import type { MicrophoneOption } from './useMicrophones';

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
  return (
    <RadioChoices
      form={form}
      set={set}
      setting="audioSource"
      className="audio-source-choice"
      values={offeredSources}
    >
      {usesSystem && (
        <p className="help" data-testid="system-audio-note">
          {systemAudioNote(platform, inputs)}
        </p>
      )}
      {usesSystem && platform !== 'windows' && (
        <DeviceSelect form={form} set={set} setting="systemAudioDeviceId" devices={inputs} />
      )}
    </RadioChoices>
  );
}
