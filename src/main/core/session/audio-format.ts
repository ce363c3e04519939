/** The one audio format Earshot streams: raw linear16, 16 kHz, mono (resumable from any frame). */
export const audioFormat = {
  encoding: 'linear16',
  sampleRate: 16_000,
  channels: 1,
  bytesPerSample: 2,
} as const;

export const bytesPerMs = (audioFormat.sampleRate * audioFormat.bytesPerSample * audioFormat.channels) / 1000;

export function bytesToMs(bytes: number): number {
  return bytes / bytesPerMs;
}

export function bytesToSeconds(bytes: number): number {
  return bytes / (bytesPerMs * 1000);
}

export function secondsToBytes(seconds: number): number {
  return Math.round(seconds * 1000 * bytesPerMs);
}
