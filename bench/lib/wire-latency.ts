/**
 * Capture → wire latency from three recordings (pure):
 *  - capture: what the page's tap on the microphone saw, with the page-clock time of every
 *    block it received. The earliest any block was seen, less its position, fixes when the
 *    stream's first sample was captured (the lower envelope: later blocks only waited longer);
 *  - wire: the bytes that arrived at the tap's socket, with each message's arrival time and how
 *    many samples of the stream had arrived with it;
 *  - the markers found in both, which say which wire sample carries which captured sample.
 * Every sample in the measured window then has a capture time and an arrival time; the
 * latency distribution is taken over the audio (one value per millisecond of audio), so a
 * 250 ms chunk counts 250 times and a 20 ms frame 20 times.
 */
import { findMarkers, matchToSchedule } from './markers';
import { median } from './stats';

export interface CaptureRecording {
  sampleRate: number;
  /** [stream position of the block's first sample, page clock ms when it was seen], in order. */
  blocks: Array<[number, number]>;
  samples: Int16Array;
}

export interface WireRecording {
  sampleRate: number;
  /** Per message: how many samples of the stream had arrived once it had, and when (tap clock). */
  arrivals: Array<{ samplesSoFar: number; at: number }>;
  samples: Int16Array;
}

export interface WireLatency {
  /** One value per millisecond of audio in the window. */
  latenciesMs: number[];
  markersScheduled: number;
  markersMatched: number;
  /** Per matched marker: arrival of the message holding its onset − its capture time. */
  markerLatenciesMs: number[];
  /** Spread (max − min) of the capture origin the matched markers give: alignment consistency. */
  alignmentSpreadMs: number;
  windowSeconds: number;
}

/** When the stream's first sample was captured, on the page's clock. */
export function captureOrigin(capture: CaptureRecording): number {
  let earliest = Infinity;
  for (const [position, at] of capture.blocks) {
    earliest = Math.min(earliest, at - (position / capture.sampleRate) * 1000);
  }
  return earliest;
}

export function wireLatency(options: {
  capture: CaptureRecording;
  wire: WireRecording;
  markerSeconds: readonly number[];
  /** Tap clock − page clock. */
  pageToTapMs: number;
  /** Leave out audio after this many seconds of the file (for example once Stop was pressed). */
  untilFileSecond?: number;
}): WireLatency {
  const { capture, wire, markerSeconds } = options;
  const capturePositions = findMarkers(capture.samples, capture.sampleRate);
  const wirePositions = findMarkers(wire.samples, wire.sampleRate);
  const captureMatch = new Map(
    matchToSchedule(
      capturePositions.map((position) => position / capture.sampleRate),
      markerSeconds,
    ),
  );
  const wireMatch = new Map(
    matchToSchedule(
      wirePositions.map((position) => position / wire.sampleRate),
      markerSeconds,
    ),
  );
  const origin = captureOrigin(capture) + options.pageToTapMs;
  // For each marker in both: the tap-clock capture time of the wire stream's sample 0.
  const wireOrigins: number[] = [];
  const matchedWirePositions: number[] = [];
  markerSeconds.forEach((seconds, index) => {
    if (options.untilFileSecond !== undefined && seconds > options.untilFileSecond) return;
    const inCapture = captureMatch.get(index);
    const onWire = wireMatch.get(index);
    if (inCapture === undefined || onWire === undefined) return;
    const capturedAt = origin + ((capturePositions[inCapture] as number) / capture.sampleRate) * 1000;
    const wirePosition = wirePositions[onWire] as number;
    wireOrigins.push(capturedAt - (wirePosition / wire.sampleRate) * 1000);
    matchedWirePositions.push(wirePosition);
  });
  if (wireOrigins.length < 2) {
    return {
      latenciesMs: [],
      markersScheduled: markerSeconds.length,
      markersMatched: wireOrigins.length,
      markerLatenciesMs: [],
      alignmentSpreadMs: Number.NaN,
      windowSeconds: 0,
    };
  }
  const wireOrigin = median(wireOrigins);
  const arrivalOf = (position: number) =>
    wire.arrivals.find((arrival) => arrival.samplesSoFar > position)?.at;
  const markerLatenciesMs = matchedWirePositions.map(
    (position, index) =>
      (arrivalOf(position) ?? Number.NaN) -
      ((wireOrigins[index] as number) + (position / wire.sampleRate) * 1000),
  );
  const first = Math.min(...matchedWirePositions);
  const last = Math.max(...matchedWirePositions);
  const step = wire.sampleRate / 1000;
  const latenciesMs: number[] = [];
  let message = 0;
  for (let position = first; position < last; position += step) {
    while (
      message < wire.arrivals.length &&
      (wire.arrivals[message] as { samplesSoFar: number }).samplesSoFar <= position
    )
      message += 1;
    const arrival = wire.arrivals[message];
    if (!arrival) break;
    latenciesMs.push(arrival.at - (wireOrigin + (position / wire.sampleRate) * 1000));
  }
  return {
    latenciesMs,
    markersScheduled: markerSeconds.length,
    markersMatched: wireOrigins.length,
    markerLatenciesMs,
    alignmentSpreadMs: Math.max(...wireOrigins) - Math.min(...wireOrigins),
    windowSeconds: (last - first) / wire.sampleRate,
  };
}
