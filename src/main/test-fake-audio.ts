/**
 * Test-only: EARSHOT_E2E_FAKE_AUDIO=/path/file.wav makes Chromium's fake capture device play
 * that file once as the microphone, so the Electron specs hear real audio without hardware.
 * Ignored in packaged builds, where an environment variable must not replace the microphone.
 */
import { isAbsolute } from 'node:path';

const fakeAudioEnvironmentVariable = 'EARSHOT_E2E_FAKE_AUDIO';

export function fakeAudioSwitches(
  environment: Record<string, string | undefined>,
  isPackaged: boolean,
): Array<[name: string, value?: string]> {
  const file = environment[fakeAudioEnvironmentVariable];
  if (isPackaged || !file || !isAbsolute(file)) return [];
  return [
    ['use-fake-device-for-media-stream'],
    ['use-fake-ui-for-media-stream'],
    ['use-file-for-fake-audio-capture', `${file}%noloop`],
  ];
}
