/** What to listen to, which microphone to open, and the browser's own processing of its sound. */
import type { ReactNode } from 'react';
import { AudioSourceFieldset } from './AudioSourceFieldset';
import { DeviceSelect } from './choice-fields';
import { SettingToggle, type FormSectionProps } from './form-fields';
import { useMicrophones } from './useMicrophones';

const audioProcessing = [
  { id: 'echo-cancellation', setting: 'echoCancellation' },
  { id: 'noise-suppression', setting: 'noiseSuppression' },
  { id: 'auto-gain', setting: 'autoGainControl' },
] as const;

export function MicrophoneSection({ form, set }: FormSectionProps): ReactNode {
  const microphones = useMicrophones();
  // useMicrophones names a device by number while the browser still hides the real names.
  const labelsHidden =
    microphones.length > 0 && microphones.every((mic) => /^Microphone \d+$/.test(mic.label));

  return (
    <section className="settings-section" aria-labelledby="microphone-heading">
      <h2 id="microphone-heading">Microphone</h2>
      <AudioSourceFieldset form={form} set={set} inputs={microphones} />
      <DeviceSelect form={form} set={set} setting="microphoneDeviceId" devices={microphones}>
        {labelsHidden && (
          <p className="help">Microphone names appear after Earshot has used the microphone once.</p>
        )}
      </DeviceSelect>
      {form.audioSource !== 'microphone' && (
        <p className="help">These apply to the microphone only; system audio is heard as it is.</p>
      )}
      {audioProcessing.map(({ id, setting }) => (
        <SettingToggle key={id} id={id} setting={setting} form={form} set={set} />
      ))}
    </section>
  );
}
