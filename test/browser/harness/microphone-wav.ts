/**
 * Prepares a WAV for Chromium's fake microphone. Any rate, mono or stereo, 8–32-bit or float
 * is accepted: sox rewrites it as 16-bit PCM at 48 kHz (channels kept), a format Chromium's
 * WAV reader always plays, without changing what is heard.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readWavInfo, type WavInfo } from '../../fixtures/wav-info';

export function prepareMicrophoneWav(source: string): { path: string; info: WavInfo } {
  if (!existsSync(source)) throw new Error(`E2E_AUDIO names ${source}, which does not exist.`);
  const target = join(
    mkdtempSync(join(tmpdir(), 'earshot-e2e-audio-')),
    basename(source).replace(/\.\w+$/, '') + '.wav',
  );
  execFileSync('sox', [source, '-r', '48000', '-b', '16', '-e', 'signed-integer', target]);
  return { path: target, info: readWavInfo(target) };
}
