/**
 * Launches Debian's Chromium the way the tests need it: as root without the OS sandbox,
 * quiet (no background networking, component updates or sync), with a fake microphone that
 * plays a WAV once from the moment getUserMedia opens it. There is deliberately no
 * --use-fake-ui-for-media-stream: that switch would grant every request, while in Earshot
 * main's permission handler decides, so the harness grants (or not) through the browser
 * context, from main's own policy (see permission-emulation.ts).
 */
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(
  options: {
    microphoneWav?: string;
    /** Real devices from this PulseAudio server (PULSE_SERVER…) instead of the fake microphone. */
    pulseAudioEnv?: Record<string, string>;
  } = {},
): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: install Debian's chromium package (apt-get install chromium).`,
    );
  }
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  if (options.pulseAudioEnv) {
    return chromium.launch({
      executablePath: chromiumPath,
      args,
      env: { ...process.env, ...options.pulseAudioEnv },
    });
  }
  args.push('--use-fake-device-for-media-stream');
  if (options.microphoneWav) {
    if (!existsSync(options.microphoneWav))
      throw new Error(`The microphone WAV ${options.microphoneWav} is missing.`);
    args.push(`--use-file-for-fake-audio-capture=${options.microphoneWav}%noloop`);
  }
  return chromium.launch({ ...(chromiumPath !== undefined ? { executablePath: chromiumPath } : {}), args });
}
