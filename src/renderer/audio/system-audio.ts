/**
 * The computer's own sound ("system audio"). Under PulseAudio and PipeWire every output has a
 * monitor, but Chromium leaves monitors out of its inputs; main adds an ordinary source fed
 * from the default output's monitor, "Earshot system audio" (src/main/core/system-audio). It
 * is opened like a microphone, by its device id, with every voice processing step off (echo
 * cancellation would cancel the very sound we want). A "Monitor of …" input is taken too,
 * should a Chromium list one, and any input chosen in Settings (a loopback device such as
 * BlackHole on macOS). Where there is none of these (Windows) the sound comes through
 * getDisplayMedia, which main answers with a loopback stream; its video track is dropped at once.
 */
import { CaptureError } from './capture-errors';
import type { AudioInputInfo } from './input-switch';
import { chooseSystemAudio, systemAudioMessages } from './system-audio-choice';

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : '';
}

async function audioInputs(): Promise<AudioInputInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  return devices
    .filter((device) => device.kind === 'audioinput')
    .map(({ deviceId, groupId, label }) => ({ deviceId, groupId, label }));
}

/** Opens the computer's sound as a MediaStream with one live audio track. */
export async function openSystemAudio(chosenDeviceId: string | null): Promise<MediaStream> {
  const choice = chooseSystemAudio(chosenDeviceId, await audioInputs());
  if (choice.kind === 'chosen-missing')
    throw new CaptureError('microphone-unavailable', systemAudioMessages.chosenMissing);
  if (choice.kind === 'device') {
    try {
      return await navigator.mediaDevices.getUserMedia({
        audio: {
          deviceId: { exact: choice.deviceId },
          echoCancellation: false,
          noiseSuppression: false,
          autoGainControl: false,
        },
        video: false,
      });
    } catch (error) {
      throw errorName(error) === 'NotReadableError'
        ? new CaptureError('microphone-unavailable', systemAudioMessages.notReadable)
        : new CaptureError('microphone-unavailable', systemAudioMessages.chosenMissing);
    }
  }
  let stream: MediaStream;
  try {
    // Chromium insists on video for display capture; main grants a screen with loopback audio.
    stream = await navigator.mediaDevices.getDisplayMedia({ audio: true, video: true });
  } catch {
    throw new CaptureError('microphone-unavailable', systemAudioMessages.notFound);
  }
  for (const track of stream.getVideoTracks()) {
    track.stop();
    stream.removeTrack(track);
  }
  if (stream.getAudioTracks().length === 0) {
    throw new CaptureError('microphone-unavailable', systemAudioMessages.notFound);
  }
  return stream;
}
