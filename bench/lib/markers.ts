/**
 * Marker tones for capture → wire latency. The microphone plays the speech fixture with short
 * tone bursts set between pieces of it (each with silence either side), at seeded, uneven
 * intervals so they never line up with a 250 ms or 20 ms grid. A burst is found the same way
 * in every stream it passes through (the page's own tap on the microphone, Earshot's linear16
 * on the wire, the seed's webm/opus once decoded), and the bursts matched against the known
 * schedule say which sample of one stream is which sample of another. Pure: no I/O.
 */

export interface MarkedAudio {
  samples: Int16Array;
  sampleRate: number;
  /** Where each marker's tone starts, in seconds from the start of the file. */
  markerSeconds: number[];
  /** Seconds from the start at which the last piece of speech is under way (for Stop). */
  lastSpeechSecond: number;
  durationSeconds: number;
}

export const markerShape = {
  silenceBeforeMs: 110,
  toneMs: 15,
  silenceAfterMs: 110,
  toneHz: 1_000,
  amplitude: 0.6,
};

export interface MarkedAudioOptions {
  leadSilenceMs: number;
  /** Pieces of speech between markers are this long, uniformly at random. */
  pieceMs: { min: number; max: number };
  lastPieceMs: number;
  tailSilenceMs: number;
}

/** The speech, cut into pieces with a marker before each (and one after the last but one). */
export function buildMarkedSpeech(
  speech: Int16Array,
  sampleRate: number,
  random: () => number,
  options: MarkedAudioOptions,
): MarkedAudio {
  const perMs = sampleRate / 1000;
  const parts: Int16Array[] = [];
  const markerSeconds: number[] = [];
  let length = 0;
  const push = (part: Int16Array) => {
    parts.push(part);
    length += part.length;
  };
  const silence = (ms: number) => new Int16Array(Math.round(ms * perMs));
  const marker = () => {
    push(silence(markerShape.silenceBeforeMs));
    markerSeconds.push(length / sampleRate);
    push(tone(sampleRate));
    push(silence(markerShape.silenceAfterMs));
  };
  push(silence(options.leadSilenceMs));
  const lastPiece = Math.round(options.lastPieceMs * perMs);
  let offset = 0;
  while (offset < speech.length - lastPiece) {
    const pieceMs = options.pieceMs.min + random() * (options.pieceMs.max - options.pieceMs.min);
    const end = Math.min(speech.length - lastPiece, offset + Math.round(pieceMs * perMs));
    marker();
    push(speech.subarray(offset, end));
    offset = end;
  }
  marker();
  const lastSpeechSecond = length / sampleRate + options.lastPieceMs / 2000;
  push(speech.subarray(offset));
  push(silence(options.tailSilenceMs));
  const samples = new Int16Array(length);
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { samples, sampleRate, markerSeconds, lastSpeechSecond, durationSeconds: length / sampleRate };
}

/** The marker's tone, with 1 ms raised-cosine edges so it does not splatter across the band. */
function tone(sampleRate: number): Int16Array {
  const count = Math.round((markerShape.toneMs * sampleRate) / 1000);
  const edge = Math.round(sampleRate / 1000);
  const samples = new Int16Array(count);
  for (let index = 0; index < count; index += 1) {
    const ramp = Math.min(1, index / edge, (count - 1 - index) / edge);
    const gain = 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, ramp));
    samples[index] = Math.round(
      32767 *
        markerShape.amplitude *
        gain *
        Math.sin((2 * Math.PI * markerShape.toneHz * index) / sampleRate),
    );
  }
  return samples;
}

/** A 16-bit mono RIFF/WAVE file. */
export function wavFile(samples: Int16Array, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

const quietLevel = 0.02 * 32768;
const loudLevel = 0.15 * 32768;
const maxBurstMs = 45;
const minQuietMs = 70;

/**
 * Sample indices where a marker's tone reaches the loud level: bursts of sound no longer than
 * 45 ms with at least 70 ms of quiet either side (speech is never that short and isolated).
 */
export function findMarkers(samples: Int16Array, sampleRate: number): number[] {
  const perMs = sampleRate / 1000;
  const quietGap = minQuietMs * perMs;
  const found: number[] = [];
  let burst: { start: number; end: number; firstLoud: number } | null = null;
  let previousEnd = -Infinity;
  const close = (nextStart: number) => {
    if (!burst) return;
    const isolated = burst.start - previousEnd >= quietGap && nextStart - burst.end >= quietGap;
    const short = burst.end - burst.start <= maxBurstMs * perMs;
    if (isolated && short && burst.firstLoud >= 0 && burst.start >= quietGap) found.push(burst.firstLoud);
    previousEnd = burst.end;
    burst = null;
  };
  for (let index = 0; index < samples.length; index += 1) {
    const level = Math.abs(samples[index] as number);
    if (level < quietLevel) continue;
    if (burst && index - burst.end < quietGap) {
      burst.end = index;
    } else {
      close(index);
      burst = { start: index, end: index, firstLoud: -1 };
    }
    if (burst.firstLoud < 0 && level >= loudLevel) burst.firstLoud = index;
  }
  close(samples.length);
  return found;
}

/**
 * Which detected marker is which scheduled one: the shift that lines up the most detections
 * with the schedule (within tolerance) wins. Returns [schedule index, detected index] pairs.
 */
export function matchToSchedule(
  detectedSeconds: readonly number[],
  scheduleSeconds: readonly number[],
  toleranceSeconds = 0.03,
): Array<[number, number]> {
  let best: Array<[number, number]> = [];
  for (const anchor of detectedSeconds.slice(0, 4)) {
    for (const scheduled of scheduleSeconds) {
      const shift = anchor - scheduled;
      const pairs: Array<[number, number]> = [];
      scheduleSeconds.forEach((time, scheduleIndex) => {
        const detectedIndex = detectedSeconds.findIndex(
          (detected) => Math.abs(detected - shift - time) <= toleranceSeconds,
        );
        if (detectedIndex >= 0) pairs.push([scheduleIndex, detectedIndex]);
      });
      if (pairs.length > best.length) best = pairs;
    }
  }
  return best;
}
