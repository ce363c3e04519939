/**
 * The audio Earshot streams: raw linear16 at 16 kHz, interleaved, resumable from any whole
 * sample frame. Mono for the microphone or system audio alone; two channels for "both"
 * (channel 0 the microphone, channel 1 the system audio). A session's format is fixed at its
 * start, and every byte↔time computation of that session goes through it.
 */
import type { AudioSource } from '../../../shared/settings';

export type AudioChannelCount = 1 | 2;

export interface SessionAudioFormat {
  readonly encoding: 'linear16';
  readonly sampleRate: 16_000;
  readonly channels: AudioChannelCount;
  readonly bytesPerSample: 2;
  /** One sample of every channel: the unit no frame, replay point or file may split. */
  readonly bytesPerSampleFrame: number;
  readonly bytesPerMs: number;
  bytesToMs(bytes: number): number;
  bytesToSeconds(bytes: number): number;
  /** Rounded down to a whole sample frame, so a position never lands between channels. */
  secondsToBytes(seconds: number): number;
  /** The largest whole number of sample frames in `bytes`. */
  wholeSampleFrames(bytes: number): number;
}

function createAudioFormat(channels: AudioChannelCount): SessionAudioFormat {
  const bytesPerSampleFrame = 2 * channels;
  const bytesPerMs = (16_000 * bytesPerSampleFrame) / 1000;
  const wholeSampleFrames = (bytes: number) => bytes - (bytes % bytesPerSampleFrame);
  return Object.freeze({
    encoding: 'linear16',
    sampleRate: 16_000,
    channels,
    bytesPerSample: 2,
    bytesPerSampleFrame,
    bytesPerMs,
    bytesToMs: (bytes: number) => bytes / bytesPerMs,
    bytesToSeconds: (bytes: number) => bytes / (bytesPerMs * 1000),
    secondsToBytes: (seconds: number) => wholeSampleFrames(Math.round(seconds * 1000 * bytesPerMs)),
    wholeSampleFrames,
  });
}

export const monoAudioFormat = createAudioFormat(1);
export const twoChannelAudioFormat = createAudioFormat(2);

export function audioFormatFor(channels: AudioChannelCount): SessionAudioFormat {
  return channels === 2 ? twoChannelAudioFormat : monoAudioFormat;
}

/** "Both" streams the microphone and the system audio as two channels; the others are mono. */
export function audioFormatForSource(source: AudioSource): SessionAudioFormat {
  return audioFormatFor(source === 'both' ? 2 : 1);
}
