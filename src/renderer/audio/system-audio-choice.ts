/**
 * Which input carries the computer's sound (pure, so it runs in unit tests): main's PulseAudio
 * source "Earshot system audio", a "Monitor of …" input should a Chromium list one, an input
 * chosen in Settings, or else the loopback stream (system-audio.ts opens what this chooses).
 */
import type { AudioInputInfo } from './input-switch';

/** Main's PulseAudio source (earshotSourceLabel in src/main/core/system-audio/pulse-system-source.ts). */
export const earshotSystemAudioLabel = 'Earshot system audio';
const monitorLabel = /^Monitor of /i;

/** An input that carries an output's sound: main's PulseAudio source, or a monitor. */
export function isMonitorInput(input: Pick<AudioInputInfo, 'label'>): boolean {
  return input.label === earshotSystemAudioLabel || monitorLabel.test(input.label);
}

export type SystemAudioChoice =
  | { kind: 'device'; deviceId: string; label: string }
  /** No monitor input: ask for the loopback stream through getDisplayMedia. */
  | { kind: 'loopback' }
  | { kind: 'chosen-missing' };

/**
 * Which input carries the computer's sound: the one chosen in Settings while it is there, else
 * the first monitor (the default output's comes first under PulseAudio), else loopback.
 */
export function chooseSystemAudio(
  chosenDeviceId: string | null,
  inputs: readonly AudioInputInfo[],
): SystemAudioChoice {
  if (chosenDeviceId !== null) {
    const chosen = inputs.find((input) => input.deviceId === chosenDeviceId);
    return chosen
      ? { kind: 'device', deviceId: chosen.deviceId, label: chosen.label }
      : { kind: 'chosen-missing' };
  }
  const candidates = inputs.filter((input) => input.deviceId !== '' && isMonitorInput(input));
  const monitor = candidates.find((input) => input.label === earshotSystemAudioLabel) ?? candidates[0];
  return monitor
    ? { kind: 'device', deviceId: monitor.deviceId, label: monitor.label }
    : { kind: 'loopback' };
}

export const systemAudioMessages = {
  chosenMissing:
    'The system audio input chosen in Settings was not found. Choose another one, or "Find it automatically", in Settings.',
  notFound:
    'Earshot found no way to hear this computer\'s sound here. On Linux it needs PulseAudio or PipeWire (a "Monitor of" input); on macOS choose a loopback input such as BlackHole in Settings. Or choose Microphone as the audio source.',
  notReadable:
    "The computer's sound could not be opened; another app may be using it. Choose another system audio input in Settings, then press Start again.",
} as const;
