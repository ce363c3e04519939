/**
 * Real speech and PCM helpers for tests and benchmarks: espeak-ng speaks, sox converts to
 * 16 kHz mono 16-bit, and the samples come straight from the WAV's data chunk. Made at test
 * time, so no audio binaries are committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The samples of a 16-bit RIFF/WAVE file's data chunk, whatever chunks precede it. */
export function wavSamples(file: Buffer): Int16Array {
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    if (id === 'data') {
      const bytes = file.subarray(offset + 8, offset + 8 + Math.min(size, file.length - offset - 8));
      const copy = Buffer.from(bytes);
      return new Int16Array(copy.buffer, copy.byteOffset, Math.floor(copy.length / 2));
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('the WAV file has no data chunk');
}

export function readWavSamples(path: string): Int16Array {
  return wavSamples(readFileSync(path));
}

function missingTool(): string | null {
  for (const tool of ['espeak-ng', 'sox']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      return tool;
    }
  }
  return null;
}

const absentTool = missingTool();

/**
 * Why suites that speak cannot run here (espeak-ng or sox is missing, as on macOS and Windows
 * runners), or null. Such suites use describe.skipIf(speechToolsMissing !== null).
 */
export const speechToolsMissing: string | null = absentTool
  ? `needs espeak-ng and sox, and ${absentTool} is not installed here`
  : null;

/**
 * Mono 16 kHz Int16 samples of text spoken by espeak-ng. Without the tools it returns no
 * samples, so a suite that skips for speechToolsMissing is still collected and reported as
 * skipped rather than failing while its describe block is read.
 */
export function synthesizeSpeech(text: string): Int16Array {
  if (absentTool) return new Int16Array(0);
  const directory = mkdtempSync(join(tmpdir(), 'earshot-speech-'));
  try {
    const raw = join(directory, 'raw.wav');
    const converted = join(directory, 'speech.wav');
    execFileSync('espeak-ng', ['-w', raw, text]);
    execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', converted]);
    return readWavSamples(converted);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export function silence(ms: number, sampleRate = 16_000): Int16Array {
  return new Int16Array(Math.round((sampleRate * ms) / 1000));
}

export function concatSamples(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
