/** The settings screen's sentence about system audio on this system (pure, so it runs in unit tests). */
import { isMonitorInput } from '../audio/system-audio-choice';

/** An input as the settings screen lists it. */
interface InputOption {
  deviceId: string;
  label: string;
}

export type SystemAudioPlatform = 'windows' | 'mac' | 'other';

export function systemAudioPlatform(userAgent: string): SystemAudioPlatform {
  if (/Windows/.test(userAgent)) return 'windows';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'mac';
  return 'other';
}

/** A sentence about how the computer's sound is heard here, or why it cannot be. */
export function systemAudioNote(platform: SystemAudioPlatform, inputs: readonly InputOption[]): string {
  if (platform === 'windows')
    return "System audio comes from Windows' loopback stream: everything the speakers play.";
  if (platform === 'mac') {
    return "macOS does not let Earshot hear the computer's sound by itself. Install a loopback input such as BlackHole, send the sound to it, and choose it below.";
  }
  const monitor = inputs.find(isMonitorInput);
  return monitor
    ? `System audio is heard through "${monitor.label}" unless you choose another input below.`
    : 'No system audio input was found yet. On Linux Earshot adds "Earshot system audio" once this is saved; that needs PulseAudio or PipeWire and their pactl command.';
}
